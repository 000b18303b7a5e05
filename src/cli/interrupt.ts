// Ctrl-C during a command that sends things (`simulate`): the first SIGINT asks it to stop (no new request; those in
// flight finish, and the command reports what was sent), a second one exits at once. `serve` has its own (shutdown.ts).

export type Interrupt = Disposable & {
  /** Aborted by the first SIGINT. */
  signal: AbortSignal;
};

/** Exit code of a command stopped by SIGINT (128 + 2), as a shell reports it. */
export const interruptedExitCode = 130;

/** Listens until disposed; `beforeExit` runs before a second SIGINT ends the process (to give the terminal back). */
export function listenForInterrupt(beforeExit: () => void): Interrupt {
  const first = new AbortController();
  const onSignal = () => {
    if (!first.signal.aborted) { first.abort(); return; }
    beforeExit();
    process.exit(interruptedExitCode);
  };
  process.on('SIGINT', onSignal);
  return { signal: first.signal, [Symbol.dispose]: () => { process.removeListener('SIGINT', onSignal); } };
}

// The progress bar while the bench runs (cli-progress, on stderr so stdout stays the report). Without a terminal
// (CI, the smoke test) it prints one line per stage instead of redrawing a bar.
import cliProgress from 'cli-progress';

export type Progress = {
  /** A new stage: the bar restarts at 0 of `total`. */
  stage(label: string, total: number): void;
  update(done: number): void;
  /** A line above the bar (a scenario's one-line result). */
  note(line: string): void;
  stop(): void;
};

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return {
      stage: (label) => stream.write(`bench: ${label}\n`),
      update: () => {},
      note: (line) => stream.write(`bench: ${line}\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar({
    format: '{stage} |{bar}| {percentage}% {value}/{total} | {duration_formatted}',
    barsize: 30, hideCursor: true, clearOnComplete: true, stream,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  let total = 1;
  return {
    stage(label, stageTotal) {
      total = Math.max(1, stageTotal);
      if (started) bar.stop();
      bar.start(total, 0, { stage: label.padEnd(34).slice(0, 34) });
      started = true;
    },
    update: (done) => bar.update(Math.min(total, Math.max(0, Math.round(done)))),
    note(line) {
      if (started) { bar.stop(); started = false; }
      stream.write(`${line}\n`);
    },
    stop() { if (started) bar.stop(); started = false; },
  };
}

// One GET to a URL through the guarded client, to say whether something answers there (a members area's set-up
// check). Any HTTP answer counts: the area's page may redirect or ask for a sign-in. The body is never read.
import { userAgent } from '../version.ts';
import { attemptSignal } from './attempt-signal.ts';
import { classifyFailure } from './classify-failure.ts';
import type { FailureCause } from './classify-failure.ts';
import type { HttpClient } from './http-client.ts';

export type ProbeResult = { kind: 'answered'; status: number } | { kind: 'failed'; cause: FailureCause; detail: string };
export type Probe = (url: string) => Promise<ProbeResult>;

export function createProbe(client: HttpClient, deadlineMs: number): Probe {
  return async (raw) => {
    const url = new URL(raw);
    const abort = attemptSignal(deadlineMs);
    // undici may not look at the signal while it waits for a connection: the probe settles at the deadline anyway
    const deadline = new Promise<never>((_resolve, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true }));
    try {
      const answer = await Promise.race([client.dispatcher.request({
        origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET', headers: { 'user-agent': userAgent }, signal: abort.signal,
      }), deadline]);
      // a little of the page is read and dropped (undici's dump): destroying an unread body would emit an error
      await answer.body.dump({ limit: 65_536 });
      return { kind: 'answered', status: answer.statusCode };
    } catch (error) {
      const failure = classifyFailure(error, abort.abortedBy());
      // fails loudly: an error that is not the network's is our bug, not a finding about the producer's area
      if (failure === undefined) throw error;
      return { kind: 'failed', ...failure };
    } finally {
      abort.dispose();
    }
  };
}

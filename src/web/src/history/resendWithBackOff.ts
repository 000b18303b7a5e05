// One resend of a bulk run that waits out the API's rate limit: a 429 is tried again on the same delivery after the
// wait the API asked for (Retry-After), or after 1, 2, then 4 s when it named none. Any other failure is the answer.
import { ApiError } from '../api/client.ts';
import { resendDelivery } from '../api/endpoints.ts';
import type { Delivery } from '../api/types.ts';

const retries = 3;
// the API's budget is per minute: no wait it asks for is longer, and a garbled one must not stall the run
const longestWaitMs = 60_000;

const pause = (ms: number) => new Promise<void>((resolve) => { window.setTimeout(resolve, ms); });

export const isRateLimited = (error: unknown): boolean => error instanceof ApiError && error.status === 429;

export async function resendWithBackOff(id: string): Promise<Delivery> {
  for (let retry = 0; ; retry++) {
    try {
      return await resendDelivery(id);
    } catch (error) {
      if (!isRateLimited(error) || retry === retries) throw error;
      await pause(Math.min((error as ApiError).retryAfterMs ?? 1000 * 2 ** retry, longestWaitMs));
    }
  }
}

// Gets an account ready for simulated affiliate sales: the simulated products exist, and each is affiliated to the
// given affiliate account under the first simulated affiliate's code, so that share of the traffic reaches it.
import { simulatedAffiliates, simulatedProducts } from './people.ts';
import { fetchFailureCause } from './fetch-failure.ts';
import { stepTimeoutMs } from './play-step.ts';
import type { SimulationTarget } from './run-simulation.ts';

/**
 * Idempotent: products and affiliations that exist already (409) are fine, as long as each product ends up affiliated
 * to this account under the simulated code; any other holder of the code, or this account under another code, would
 * leave it without the sales it is told it gets, so that is an error naming what to end. Returns the affiliated code.
 */
export async function affiliateSimulatedProducts(target: SimulationTarget, affiliateAccountId: string): Promise<string> {
  const code = simulatedAffiliates[0].affiliate_code;
  for (const product of simulatedProducts) {
    await call(target, 'POST', '/api/v1/products', { id: String(product.id), name: product.name, ucode: product.ucode });
    const created = await call(target, 'POST', `/api/v1/products/${product.id}/affiliations`, { affiliate_account_id: affiliateAccountId, affiliate_code: code });
    if (created.status === 201) continue;
    const { items } = JSON.parse((await call(target, 'GET', `/api/v1/products/${product.id}/affiliations`)).text) as { items: { affiliate_account_id: string; affiliate_code: string }[] };
    if (items.some((item) => item.affiliate_account_id === affiliateAccountId && item.affiliate_code === code)) continue;
    const holder = items.find((item) => item.affiliate_code === code);
    throw new Error(holder
      ? `product ${product.id} is affiliated under the code ${code} to another account (${holder.affiliate_account_id}): its sales would go there; end that affiliation first (DELETE /api/v1/affiliations/:id)`
      : `account ${affiliateAccountId} promotes product ${product.id} under another code, not ${code}: end that affiliation first (DELETE /api/v1/affiliations/:id)`);
  }
  return code;
}

/**
 * One request, its answer read whole, within a step's deadline (a server that never answers ends the set-up with an
 * error instead of holding the command forever); a refusal other than 409 (already there) is an error.
 */
async function call(target: SimulationTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string }> {
  let answer: Response, text: string;
  try {
    answer = await fetch(new URL(path, target.baseUrl), {
      method, headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(stepTimeoutMs),
    });
    text = await answer.text();
  } catch (error) {
    throw new Error(`${method} ${path}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${stepTimeoutMs / 1000} s` : `cannot reach ${target.baseUrl} (${fetchFailureCause(error)})`}`);
  }
  if (!answer.ok && answer.status !== 409) throw new Error(`${method} ${path} answered ${answer.status}: ${text}`);
  return { status: answer.status, text };
}

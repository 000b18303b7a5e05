// Gets an account ready for simulated affiliate sales: the simulated products exist, and each is affiliated to the
// given affiliate account under the first simulated affiliate's code, so that share of the traffic reaches it.
import { simulatedAffiliates, simulatedProducts } from './people.ts';
import type { SimulationTarget } from './run-simulation.ts';

/** Idempotent: products and affiliations that exist already (409) are fine. Returns the affiliated code. */
export async function affiliateSimulatedProducts(target: SimulationTarget, affiliateAccountId: string): Promise<string> {
  const code = simulatedAffiliates[0].affiliate_code;
  for (const product of simulatedProducts) {
    await post(target, '/api/v1/products', { id: String(product.id), name: product.name, ucode: product.ucode });
    await post(target, `/api/v1/products/${product.id}/affiliations`, { affiliate_account_id: affiliateAccountId, affiliate_code: code });
  }
  return code;
}

async function post(target: SimulationTarget, path: string, body: unknown): Promise<void> {
  const answer = await fetch(new URL(path, target.baseUrl), {
    method: 'POST', headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!answer.ok && answer.status !== 409) throw new Error(`POST ${path} answered ${answer.status}: ${await answer.text()}`);
}

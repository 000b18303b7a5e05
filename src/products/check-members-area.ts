// The set-up check of a product's members area: gathers the facts (one https probe, the account's webhooks, the
// chosen webhook's last test post) and lets domain/members-area-check.ts judge them.
import { httpsFinding, membersAreaWebhook, testPostFinding, webhookFinding } from '../domain/members-area-check.ts';
import type { Finding } from '../domain/members-area-check.ts';
import type { Probe } from '../delivery/probe.ts';
import type { Product, Store } from '../store/store.ts';
import type { AccountId, WebhookId } from '../domain/ids.ts';

export type CheckDeps = { store: Pick<Store, 'listWebhooks' | 'listDeliveries'>; probe: Probe };
export type MembersAreaCheck = { ok: boolean; url: string; webhookId: WebhookId | null; findings: Finding[] };

export async function checkMembersArea(deps: CheckDeps, accountId: AccountId, product: Product & { membersArea: { url: string } }): Promise<MembersAreaCheck> {
  const url = product.membersArea.url;
  // an http:// area is not probed: the finding is already that it must be https
  const [reached, webhooks] = await Promise.all([url.startsWith('https:') ? deps.probe(url) : null, deps.store.listWebhooks(accountId)]);
  const webhook = membersAreaWebhook(url, product.id, webhooks);
  const lastTest = webhook === null ? null : (await deps.store.listDeliveries(accountId, { webhookId: webhook.id, test: true, limit: 1 }))[0] ?? null;
  const findings = [httpsFinding(url, reached), webhookFinding(url, product.id, webhook), testPostFinding(webhook, lastTest)];
  return { ok: findings.every((finding) => finding.status === 'pass'), url, webhookId: webhook?.id ?? null, findings };
}

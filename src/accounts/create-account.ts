// Creating an account issues its API credentials (Client ID, Client Secret, Basic) and its hottok.
import { uuidv7 } from 'uuidv7';
import { type AccountId, asAccountId } from '../domain/ids.ts';
import { hashSecret, newHottok, randomToken } from '../security/secrets.ts';
import type { Account, AccountKind, ApiClient, Store } from '../store/store.ts';

export type IssuedAccount = { account_id: AccountId; client_id: string; client_secret: string; basic: string; hottok: string };

/** A new account and its API client as the store keeps them, and the credentials to show once. */
export async function issueAccount(input: { name: string; kind: AccountKind }, now: number): Promise<{ account: Account; client: ApiClient; issued: IssuedAccount }> {
  const accountId = asAccountId(uuidv7());
  const clientId = randomToken(18);
  const clientSecret = randomToken(32);
  const hottok = newHottok();
  return {
    account: { id: accountId, name: input.name, kind: input.kind, hottok, createdAt: now },
    client: { clientId, accountId, secretHash: await hashSecret(clientSecret) },
    issued: { account_id: accountId, client_id: clientId, client_secret: clientSecret, basic: Buffer.from(`${clientId}:${clientSecret}`).toString('base64'), hottok },
  };
}

export async function createAccount(store: Pick<Store, 'createAccount'>, input: { name: string; kind: AccountKind }, now: number): Promise<IssuedAccount> {
  const { account, client, issued } = await issueAccount(input, now);
  await store.createAccount(account, client);
  return issued;
}

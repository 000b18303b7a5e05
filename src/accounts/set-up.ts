// First-run set-up: the first account and its owner, written in one store step only while no account exists, so two
// set-ups at once (a double click, two API processes behind one address) make one account and leave nothing of the
// other behind.
import type { Store, User } from '../store/store.ts';
import { issueAccount } from './create-account.ts';
import type { IssuedAccount } from './create-account.ts';
import { newUser } from './create-user.ts';

export type SetUpOutcome = { kind: 'created'; issued: IssuedAccount; owner: User } | { kind: 'taken' };

export async function setUpFirstAccount(store: Pick<Store, 'countAccounts' | 'setUpFirstAccount'>, input: { accountName: string; email: string; password: string }, now: number): Promise<SetUpOutcome> {
  // the open route's usual answer once set up, before two slow hashes (scrypt) a stranger could ask for in a loop
  if (await store.countAccounts() > 0) return { kind: 'taken' };
  const { account, client, issued } = await issueAccount({ name: input.accountName, kind: 'producer' }, now);
  const owner = await newUser({ accountId: account.id, email: input.email, password: input.password }, now);
  return await store.setUpFirstAccount(account, client, owner) === 'created' ? { kind: 'created', issued, owner } : { kind: 'taken' };
}

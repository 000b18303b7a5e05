// Creating a dashboard user: an email and a password (kept only as a slow scrypt hash) that sign in to one account.
import { uuidv7 } from 'uuidv7';
import { hashSecret } from '../security/secrets.ts';
import type { Store, User } from '../store/store.ts';
import { normalizeEmail } from './user-credentials.ts';

export type CreatedUser = { kind: 'created'; user: User } | { kind: 'email_taken' };

export async function createUser(store: Pick<Store, 'createUser'>, input: { accountId: string; email: string; password: string }, now: number): Promise<CreatedUser> {
  const user: User = { id: uuidv7(), accountId: input.accountId, email: normalizeEmail(input.email), passwordHash: await hashSecret(input.password), createdAt: now };
  return await store.createUser(user) === 'created' ? { kind: 'created', user } : { kind: 'email_taken' };
}

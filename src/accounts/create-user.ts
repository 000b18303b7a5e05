// Creating a dashboard user: an email and a password (kept only as a slow scrypt hash) that sign in to one account.
import { uuidv7 } from 'uuidv7';
import { hashSecret } from '../security/secrets.ts';
import type { Role, Store, User } from '../store/store.ts';
import { normalizeEmail } from './user-credentials.ts';
import type { AccountId } from '../domain/ids.ts';

export type CreatedUser = { kind: 'created'; user: User } | { kind: 'email_taken' };
export type NewUserInput = { accountId: AccountId; email: string; password: string; role?: Role };

/** The user as the store keeps it; `role`: owner when absent (an account's first user, or one made on the command line). */
export async function newUser(input: NewUserInput, now: number): Promise<User> {
  return { id: uuidv7(), accountId: input.accountId, email: normalizeEmail(input.email), passwordHash: await hashSecret(input.password), role: input.role ?? 'owner', createdAt: now };
}

export async function createUser(store: Pick<Store, 'createUser'>, input: NewUserInput, now: number): Promise<CreatedUser> {
  const user = await newUser(input, now);
  return await store.createUser(user) === 'created' ? { kind: 'created', user } : { kind: 'email_taken' };
}

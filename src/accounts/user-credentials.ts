// What a dashboard user's email and password must look like: one definition for the CLI, set-up and sign-in.
import { z } from 'zod';
import { accountName } from './account-name.ts';

/** Emails are compared case-insensitively: stored and looked up trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const userEmail = z.string().trim().max(254, { error: 'at most 254 characters' }).pipe(z.email({ error: 'expected an email address, e.g. ana@example.com' }));

// 8 characters at least (NIST SP 800-63B); the cap bounds the work of hashing hostile input
export const newPassword = z.string().min(8, { error: 'at least 8 characters' }).max(256, { error: 'at most 256 characters' });

/** Sign-in takes any text up to the caps: the answer to a wrong shape is the same 401 as to a wrong password. */
export const signInBody = z.strictObject({
  email: z.string({ error: 'required' }).max(254, { error: 'at most 254 characters' }),
  password: z.string({ error: 'required' }).max(256, { error: 'at most 256 characters' }),
});

export const setupBody = z.strictObject({
  account_name: accountName,
  email: userEmail,
  password: newPassword,
});

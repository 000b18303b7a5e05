// Who acts in Postback: accounts (tenants), their API clients, and the dashboard's users and sessions. Declared in the
// domain, which owns them; the Store contract (src/store/store.ts) persists them.
import type { AccountId } from './ids.ts';

export type AccountKind = 'producer' | 'affiliate';
export type Account = { id: AccountId; name: string; kind: AccountKind; hottok: string; createdAt: number };
export type ApiClient = { clientId: string; accountId: AccountId; secretHash: string };

/** What a dashboard user may do in its account (src/api/roles.ts enforces it): everything, everything but the
 * account's credentials and its team, or only look (no secrets). API clients act as owners. */
export const roles = ['owner', 'developer', 'viewer'] as const;
export type Role = (typeof roles)[number];

export type User = { id: string; accountId: AccountId; email: string; passwordHash: string; role: Role; createdAt: number };
export type Session = { userId: string; accountId: AccountId; email: string; role: Role; csrfToken: string; expiresAt: number };

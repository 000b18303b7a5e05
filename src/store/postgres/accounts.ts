// Accounts, API clients and access tokens.
import type pg from 'pg';
import { opens } from '../../security/secret-box.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { toAccount, toApiClient, toTokenOwner } from '../rows.ts';
import type { Account, ApiClient, Store } from '../store.ts';
import { callerCutOff } from './caller-check.ts';
import { inTransaction, named } from './database.ts';
import { usersSql } from './users.ts';

type AccountsPart = Pick<Store, 'createAccount' | 'getAccount' | 'keyOpensSealedSecrets' | 'rotateHottok' | 'rotateClientSecret' | 'getApiClient' | 'saveAccessToken' | 'findAccessToken' | 'setUpFirstAccount'>;

const sql = {
  insertAccount: 'INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES ($1, $2, $3, $4, $5)',
  insertClient: 'INSERT INTO api_clients (client_id, account_id, secret_hash) VALUES ($1, $2, $3)',
  selectAccount: 'SELECT a.*, (SELECT MIN(c.client_id) FROM api_clients c WHERE c.account_id = a.id) AS client_id FROM accounts a WHERE a.id = $1',
  selectClient: 'SELECT * FROM api_clients WHERE client_id = $1',
  // only while the client's secret is still the one the request was checked against: FOR SHARE waits for a rotation
  // that holds the client's row, then reads the row it committed, whose new hash no longer matches (nothing saved); a
  // rotation that starts after waits for this insert, and its DELETE sees the token
  insertToken: `INSERT INTO access_tokens (token_hash, account_id, client_id, expires_at)
    SELECT $1, $2, client_id, $4 FROM api_clients WHERE client_id = $3 AND secret_hash = $5 FOR SHARE`,
  // expired tokens are swept when new ones are issued, so the table stays the size of the live tokens
  sweepTokens: 'DELETE FROM access_tokens WHERE expires_at <= $1',
  selectToken: 'SELECT account_id, client_id, expires_at FROM access_tokens WHERE token_hash = $1 AND expires_at > $2',
  updateHottok: 'UPDATE accounts SET hottok = $1 WHERE id = $2',
  // every account has a sealed hottok: one of them tells whether the key is the one the database was sealed with
  selectSealed: 'SELECT hottok FROM accounts LIMIT 1',
  updateClientSecret: 'UPDATE api_clients SET secret_hash = $1 WHERE account_id = $2 RETURNING client_id',
  revokeTokens: 'DELETE FROM access_tokens WHERE account_id = $1',
  // a rotation takes the account's clients first, as token issuing does (insertToken): rotations on every process run
  // one at a time, and a later one waits here for the earlier one to commit. Its caller is checked after, in a
  // statement of its own (caller-check.ts): READ COMMITTED gives that one a snapshot taken after any rotation it
  // waited for, whose DELETE of the tokens it then sees
  lockClients: 'SELECT client_id FROM api_clients WHERE account_id = $1 ORDER BY client_id FOR UPDATE',
};

// every API request looks its bearer token up
const selectToken = named('select_token', sql.selectToken);

export function postgresAccounts(pool: pg.Pool, box: SecretBox): AccountsPart {
  const insertAccount = async (db: pg.ClientBase, account: Account, client: ApiClient) => {
    await db.query(sql.insertAccount, [account.id, account.name, account.kind, box.seal(account.hottok), account.createdAt]);
    await db.query(sql.insertClient, [client.clientId, account.id, client.secretHash]);
  };
  return {
    async createAccount(account, client) {
      await inTransaction(pool, (db) => insertAccount(db, account, client));
    },
    async setUpFirstAccount(account, client, owner) {
      return inTransaction(pool, async (db) => {
        // set-ups on every process, and account creations, wait here for one another; publishes and reads do not
        // (their references to an account take a lock this one does not conflict with)
        await db.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
        if (Number((await db.query(usersSql.countAccounts)).rows[0]?.n ?? 0) > 0) return 'taken';
        await insertAccount(db, account, client);
        const inserted = await db.query(usersSql.insertUser, [owner.id, account.id, owner.email, owner.passwordHash, owner.role, owner.createdAt]);
        // no account, so no user: our bug if it happens, and the transaction leaves nothing behind
        if (inserted.rowCount !== 1) throw new Error('first-run set-up found its email already taken');
        return 'created';
      });
    },
    async getAccount(accountId) {
      const row = (await pool.query(sql.selectAccount, [accountId])).rows[0];
      if (!row) return null;
      return toAccount(row, box);
    },
    async getApiClient(clientId) {
      const row = (await pool.query(sql.selectClient, [clientId])).rows[0];
      return row ? toApiClient(row) : null;
    },
    async saveAccessToken(token) {
      return inTransaction(pool, async (db) => {
        await db.query(sql.sweepTokens, [token.issuedAt]);
        return (await db.query(sql.insertToken, [token.tokenHash, token.accountId, token.clientId, token.expiresAt, token.secretHash])).rowCount === 1;
      });
    },
    async findAccessToken(tokenHash, now) {
      const row = (await pool.query(selectToken([tokenHash, now]))).rows[0];
      return row ? toTokenOwner(row) : null;
    },
    async keyOpensSealedSecrets() {
      const row = (await pool.query(sql.selectSealed)).rows[0];
      return row === undefined || opens(box, String(row.hottok));
    },
    async rotateHottok(accountId, hottok, caller, now) {
      return inTransaction(pool, async (db) => {
        // fails closed: a caller cut off meanwhile neither changes the hottok nor learns the new one
        const cutOff = await callerCutOff(db, accountId, caller, now);
        if (cutOff) return cutOff;
        await db.query(sql.updateHottok, [box.seal(hottok), accountId]);
        return { kind: 'rotated' as const };
      });
    },
    async rotateClientSecret(accountId, secretHash, caller, now) {
      return inTransaction(pool, async (db) => {
        await db.query(sql.lockClients, [accountId]);
        // fails closed: a caller whose token a rotation revoked meanwhile (or who is signed out, or no owner) changes nothing
        const cutOff = await callerCutOff(db, accountId, caller, now);
        if (cutOff) return cutOff;
        const row = (await db.query(sql.updateClientSecret, [secretHash, accountId])).rows[0];
        // our bug if it happens: every account is made with its API client, and the transaction leaves nothing behind
        if (!row) throw new Error(`account ${accountId} has no API client`);
        // the old secret stops at once, and so do the tokens it issued
        await db.query(sql.revokeTokens, [accountId]);
        return { kind: 'rotated' as const, clientId: String(row.client_id) };
      });
    },
  };
}

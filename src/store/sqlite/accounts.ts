// Accounts, API clients and access tokens.
import type { DatabaseSync } from 'node:sqlite';
import { opens } from '../../security/secret-box.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { toAccount, toApiClient, toTokenOwner } from '../rows.ts';
import type { Account, ApiClient, Store } from '../store.ts';
import { callerCheck } from './caller-check.ts';
import { writeTransaction } from './database.ts';
import { usersSql } from './users.ts';

type AccountsPart = Pick<Store, 'createAccount' | 'getAccount' | 'keyOpensSealedSecrets' | 'rotateHottok' | 'rotateClientSecret' | 'getApiClient' | 'saveAccessToken' | 'findAccessToken' | 'setUpFirstAccount'>;

export function sqliteAccounts(db: DatabaseSync, box: SecretBox): AccountsPart {
  const insertAccount = db.prepare('INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertClient = db.prepare('INSERT INTO api_clients (client_id, account_id, secret_hash) VALUES (?, ?, ?)');
  const selectAccount = db.prepare('SELECT a.*, (SELECT MIN(c.client_id) FROM api_clients c WHERE c.account_id = a.id) AS client_id FROM accounts a WHERE a.id = ?');
  const selectClient = db.prepare('SELECT * FROM api_clients WHERE client_id = ?');
  // only while the client's secret is still the one the request was checked against (see saveAccessToken)
  const insertToken = db.prepare('INSERT INTO access_tokens (token_hash, account_id, client_id, expires_at) SELECT ?, ?, client_id, ? FROM api_clients WHERE client_id = ? AND secret_hash = ?');
  // expired tokens are swept when new ones are issued, so the table stays the size of the live tokens
  const sweepTokens = db.prepare('DELETE FROM access_tokens WHERE expires_at <= ?');
  const selectToken = db.prepare('SELECT account_id, client_id, expires_at FROM access_tokens WHERE token_hash = ? AND expires_at > ?');
  const updateHottok = db.prepare('UPDATE accounts SET hottok = ? WHERE id = ?');
  // every account has a sealed hottok: one of them tells whether the key is the one the database was sealed with
  const selectSealed = db.prepare('SELECT hottok FROM accounts LIMIT 1');
  const updateClientSecret = db.prepare('UPDATE api_clients SET secret_hash = ? WHERE account_id = ? RETURNING client_id');
  const revokeTokens = db.prepare('DELETE FROM access_tokens WHERE account_id = ?');
  const callerCutOff = callerCheck(db);
  const countAccounts = db.prepare(usersSql.countAccounts);
  const insertUser = db.prepare(usersSql.insertUser);
  const insertAccountWithClient = (account: Account, client: ApiClient) => {
    insertAccount.run(account.id, account.name, account.kind, box.seal(account.hottok), account.createdAt);
    insertClient.run(client.clientId, account.id, client.secretHash);
  };

  return {
    async createAccount(account, client) {
      return writeTransaction(db, () => insertAccountWithClient(account, client));
    },
    async setUpFirstAccount(account, client, owner) {
      // one write transaction at a time on the file, whichever process: the later set-up sees the first's account
      return writeTransaction(db, () => {
        if (Number(countAccounts.get()?.n ?? 0) > 0) return 'taken';
        insertAccountWithClient(account, client);
        // no account, so no user: our bug if it happens, and the transaction leaves nothing behind
        if (insertUser.run(owner.id, account.id, owner.email, owner.passwordHash, owner.role, owner.createdAt).changes !== 1) throw new Error('first-run set-up found its email already taken');
        return 'created';
      });
    },
    async getAccount(accountId) {
      const row = selectAccount.get(accountId);
      if (!row) return null;
      return toAccount(row, box);
    },
    async getApiClient(clientId) {
      const row = selectClient.get(clientId);
      return row ? toApiClient(row) : null;
    },
    async saveAccessToken(token) {
      return writeTransaction(db, () => {
        sweepTokens.run(token.issuedAt);
        return insertToken.run(token.tokenHash, token.accountId, token.expiresAt, token.clientId, token.secretHash).changes === 1;
      });
    },
    async findAccessToken(tokenHash, now) {
      const row = selectToken.get(tokenHash, now);
      return row ? toTokenOwner(row) : null;
    },
    async keyOpensSealedSecrets() {
      const row = selectSealed.get();
      return row === undefined || opens(box, String(row.hottok));
    },
    async rotateHottok(accountId, hottok, caller, now) {
      return writeTransaction(db, () => {
        // fails closed: a caller cut off meanwhile neither changes the hottok nor learns the new one
        const cutOff = callerCutOff(accountId, caller, now);
        if (cutOff) return cutOff;
        updateHottok.run(box.seal(hottok), accountId);
        return { kind: 'rotated' as const };
      });
    },
    async rotateClientSecret(accountId, secretHash, caller, now) {
      // BEGIN IMMEDIATE: no other rotation, of this process or another, commits between the caller's check and the change
      return writeTransaction(db, () => {
        // fails closed: a caller whose token a rotation revoked meanwhile (or who is signed out, or no owner) changes nothing
        const cutOff = callerCutOff(accountId, caller, now);
        if (cutOff) return cutOff;
        const row = updateClientSecret.get(secretHash, accountId);
        // our bug if it happens: every account is made with its API client, and the transaction leaves nothing behind
        if (!row) throw new Error(`account ${accountId} has no API client`);
        // the old secret stops at once, and so do the tokens it issued
        revokeTokens.run(accountId);
        return { kind: 'rotated' as const, clientId: String(row.client_id) };
      });
    },
  };
}

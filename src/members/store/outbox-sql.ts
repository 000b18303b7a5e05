// Mail waiting to go, and what became of it: a mail leaves this table's pending state only when the SMTP server took
// it. Each failed try is counted with its error and the time of the next one.
import type { DatabaseSync } from 'node:sqlite';
import type { MailKind, OutboxMail } from './members-records.ts';

function toMail(row: Record<string, unknown>): OutboxMail {
  return {
    id: String(row.id), kind: String(row.kind) as MailKind, email: String(row.email), productId: row.product_id === null ? null : String(row.product_id),
    status: String(row.status) as OutboxMail['status'], attempts: Number(row.attempts), nextAttemptAt: Number(row.next_attempt_at),
    lastError: row.last_error === null ? null : String(row.last_error), createdAt: Number(row.created_at), sentAt: row.sent_at === null ? null : Number(row.sent_at),
  };
}

export function outboxStatements(db: DatabaseSync) {
  const insert = db.prepare(`INSERT INTO outbox (id, kind, email, product_id, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`);
  const selectDue = db.prepare(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`);
  const selectNextDue = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'`);
  const markSent = db.prepare(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ? WHERE id = ?`);
  const markFailed = db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`);
  const sendNow = db.prepare(`UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'`);
  const selectRecent = db.prepare(`SELECT * FROM outbox ORDER BY status = 'sent', created_at DESC, id DESC LIMIT ?`);
  return {
    enqueueMail(mail: Pick<OutboxMail, 'id' | 'kind' | 'email' | 'productId' | 'createdAt'>): void {
      insert.run(mail.id, mail.kind, mail.email, mail.productId, mail.createdAt, mail.createdAt);
    },
    dueMails(now: number, limit: number): OutboxMail[] {
      return selectDue.all(now, limit).map(toMail);
    },
    nextMailDueAt(): number | null {
      const at = selectNextDue.get()?.at;
      return at === null || at === undefined ? null : Number(at);
    },
    markMailSent(id: string, now: number): void {
      markSent.run(now, id);
    },
    markMailFailed(id: string, error: string, nextAttemptAt: number): void {
      markFailed.run(error, nextAttemptAt, id);
    },
    /** The admin's "send now": a pending mail is due at once. False when it was already sent. */
    sendMailNow(id: string, now: number): boolean {
      return sendNow.run(now, id).changes === 1;
    },
    /** Pending mail first (oldest problems on top of the admin page), then the latest sent. */
    recentMails(limit: number): OutboxMail[] {
      return selectRecent.all(limit).map(toMail);
    },
  };
}

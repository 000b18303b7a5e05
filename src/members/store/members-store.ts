// The members area's store: its own SQLite file and its own SQL (one statement file per job), synchronous like
// node:sqlite. Only this folder writes SQL for the members area.
import { join } from 'node:path';
import type { Outcome } from '../access/apply-notification.ts';
import type { AccessReason, Decision } from '../access/decide-access.ts';
import type { Language, Notification } from '../receive/notification.ts';
import { accessStatements } from './access-sql.ts';
import { eventStatements } from './events-sql.ts';
import { inTransaction } from '../../store/sqlite/database.ts';
import { openMembersDb } from './open-members-db.ts';
import { outboxStatements } from './outbox-sql.ts';
import { studentStatements } from './students-sql.ts';

export type StoredNotification = Notification & { receivedAt: number; outcome: Outcome; body: string };
export type Enrolment = Decision & { email: string; productId: string; productName: string; openedAt: number | null; changedAt: number };
export type DecisionEntry = { seq: number; email: string; productId: string; access: Decision['access']; until: number | null; reason: AccessReason; decidedAt: number };
export type Student = { email: string; name: string; language: Language; passwordHash: string | null; createdAt: number };
export type MailKind = 'credentials' | 'course_opened' | 'password_reset';
export type OutboxMail = {
  id: string; kind: MailKind; email: string; productId: string | null; status: 'pending' | 'sent';
  attempts: number; nextAttemptAt: number; lastError: string | null; createdAt: number; sentAt: number | null;
};
export type SessionRole = 'student' | 'admin';

export type MembersStore = ReturnType<typeof eventStatements> & ReturnType<typeof accessStatements> & ReturnType<typeof studentStatements> & ReturnType<typeof outboxStatements> & {
  /** Runs `work` in one write transaction: every write in it is committed, or none. */
  transaction<T>(work: () => T): T;
  close(): void;
};

export function openMembersStore(dataDir: string): MembersStore {
  const db = openMembersDb(join(dataDir, 'members.db'));
  return {
    ...eventStatements(db),
    ...accessStatements(db),
    ...studentStatements(db),
    ...outboxStatements(db),
    transaction: (work) => inTransaction(db, work),
    close: () => { if (db.isOpen) db.close(); },
  };
}

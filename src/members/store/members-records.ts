// The members area's records as its store reads and writes them: the statement files (*-sql.ts) and the store that
// joins them both name these, so they live here, in a module that imports no statement file.
import type { AccessReason, Decision } from '../access/decide-access.ts';
import type { Language, Notification } from '../receive/notification.ts';

/** What an accepted notification did: applied to access, or kept without effect (and why; ignored_test: a test post). */
export type Outcome = 'applied' | 'ignored_test' | 'ignored_not_access' | 'ignored_other_product' | 'ignored_no_email';
export type StoredNotification = Notification & { receivedAt: number; outcome: Outcome; body: string };
export type Enrolment = Decision & { email: string; productId: string; productName: string; openedAt: number | null; changedAt: number };
export type DecisionEntry = { seq: number; email: string; productId: string; access: Decision['access']; until: number | null; reason: AccessReason; decidedAt: number };
/** `passwordSetAt`: when the student last chose their own password (a reset link); null while it is the mailed one. */
export type Student = { email: string; name: string; language: Language; passwordHash: string | null; passwordSetAt: number | null; createdAt: number };
export type MailKind = 'credentials' | 'course_opened' | 'password_reset';
export type OutboxMail = {
  id: string; kind: MailKind; email: string; productId: string | null; status: 'pending' | 'sent';
  attempts: number; nextAttemptAt: number; lastError: string | null; createdAt: number; sentAt: number | null;
};
export type SessionRole = 'student' | 'admin';

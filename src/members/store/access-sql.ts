// Each student's current decision per product, and the feed of every change to it (the JSON API's decisions).
import type { DatabaseSync } from 'node:sqlite';
import type { AccessReason, Decision } from '../access/decide-access.ts';
import type { DecisionEntry, Enrolment } from './members-records.ts';

type Row = Record<string, unknown>;
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toEnrolment(row: Row): Enrolment {
  return {
    email: String(row.email), productId: String(row.product_id), productName: String(row.product_name), access: String(row.access) as Decision['access'],
    until: numberOrNull(row.until), reason: String(row.reason) as AccessReason, decidedBy: JSON.parse(String(row.decided_by)) as string[],
    openedAt: numberOrNull(row.opened_at), changedAt: Number(row.changed_at),
  };
}

function toEntry(row: Row): DecisionEntry {
  return {
    seq: Number(row.seq), email: String(row.email), productId: String(row.product_id), access: String(row.access) as Decision['access'],
    until: numberOrNull(row.until), reason: String(row.reason) as AccessReason, decidedAt: Number(row.decided_at),
  };
}

export function accessStatements(db: DatabaseSync) {
  const selectOne = db.prepare('SELECT * FROM enrolments WHERE email = ? AND product_id = ?');
  const selectOfStudent = db.prepare('SELECT * FROM enrolments WHERE email = ? ORDER BY product_id');
  const selectAll = db.prepare('SELECT * FROM enrolments ORDER BY email, product_id');
  const upsert = db.prepare(`INSERT INTO enrolments (email, product_id, product_name, access, until, reason, decided_by, opened_at, changed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email, product_id) DO UPDATE SET product_name = excluded.product_name, access = excluded.access,
    until = excluded.until, reason = excluded.reason, decided_by = excluded.decided_by, opened_at = excluded.opened_at, changed_at = excluded.changed_at`);
  const append = db.prepare('INSERT INTO decisions (email, product_id, access, until, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)');
  const selectAfter = db.prepare('SELECT * FROM decisions WHERE seq > ? ORDER BY seq LIMIT ?');
  return {
    getEnrolment(email: string, productId: string): Enrolment | null {
      const row = selectOne.get(email, productId);
      return row ? toEnrolment(row) : null;
    },
    enrolmentsOf(email: string): Enrolment[] {
      return selectOfStudent.all(email).map(toEnrolment);
    },
    allEnrolments(): Enrolment[] {
      return selectAll.all().map(toEnrolment);
    },
    /** Saves the decision; a change of access, end or reason is also appended to the feed. */
    saveEnrolment(enrolment: Enrolment, changed: boolean): void {
      upsert.run(enrolment.email, enrolment.productId, enrolment.productName, enrolment.access, enrolment.until, enrolment.reason,
        JSON.stringify(enrolment.decidedBy), enrolment.openedAt, enrolment.changedAt);
      if (changed) append.run(enrolment.email, enrolment.productId, enrolment.access, enrolment.until, enrolment.reason, enrolment.changedAt);
    },
    decisionsAfter(seq: number, limit: number): DecisionEntry[] {
      return selectAfter.all(seq, limit).map(toEntry);
    },
  };
}

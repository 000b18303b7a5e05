// Students (e-mail is the key), their sign-in sessions (and the admin's), and one-time password-reset tokens. Tokens
// are stored as SHA-256 hashes: the database alone lets nobody in.
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../store/sqlite/database.ts';
import type { Language } from '../receive/notification.ts';
import type { SessionRole, Student } from './members-records.ts';

function toStudent(row: Record<string, unknown>): Student {
  return {
    email: String(row.email), name: String(row.name), language: String(row.language) as Language,
    passwordHash: row.password_hash === null ? null : String(row.password_hash),
    passwordSetAt: row.password_set_at === null ? null : Number(row.password_set_at), createdAt: Number(row.created_at),
  };
}

export function studentStatements(db: DatabaseSync) {
  const insertStudent = db.prepare('INSERT INTO students (email, name, language, password_hash, created_at) VALUES (?, ?, ?, NULL, ?) ON CONFLICT (email) DO NOTHING');
  const selectStudent = db.prepare('SELECT * FROM students WHERE email = ?');
  const selectStudents = db.prepare('SELECT * FROM students ORDER BY created_at, email');
  // the mailed password goes in only while the student has not chosen their own since the mail was queued: checked in
  // the same statement, so a reset that lands while the outbox is hashing still wins
  const updateMailedPassword = db.prepare('UPDATE students SET password_hash = ? WHERE email = ? AND (password_set_at IS NULL OR password_set_at < ?)');
  const updateOwnPassword = db.prepare('UPDATE students SET password_hash = ?, password_set_at = ? WHERE email = ?');
  const deleteStudentSessions = db.prepare('DELETE FROM sessions WHERE role = \'student\' AND email = ?');
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, role, email, expires_at) VALUES (?, ?, ?, ?)');
  const sweepSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const selectSession = db.prepare('SELECT role, email FROM sessions WHERE token_hash = ? AND expires_at > ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const insertReset = db.prepare('INSERT INTO reset_tokens (token_hash, email, expires_at) VALUES (?, ?, ?)');
  const sweepResets = db.prepare('DELETE FROM reset_tokens WHERE expires_at <= ?');
  // one statement reads and removes the token: a second use finds nothing, even from a parallel request
  const takeReset = db.prepare('DELETE FROM reset_tokens WHERE token_hash = ? AND expires_at > ? RETURNING email');
  const peekReset = db.prepare('SELECT email FROM reset_tokens WHERE token_hash = ? AND expires_at > ?');
  return {
    /** False when a student with this e-mail already exists (nothing changes). */
    createStudent(student: Omit<Student, 'passwordHash' | 'passwordSetAt'>): boolean {
      return insertStudent.run(student.email, student.name, student.language, student.createdAt).changes === 1;
    },
    getStudent(email: string): Student | null {
      const row = selectStudent.get(email);
      return row ? toStudent(row) : null;
    },
    listStudents(): Student[] {
      return selectStudents.all().map(toStudent);
    },
    /**
     * The credentials mail's generated password, saved before the mail goes. False (nothing changes) when the student
     * chose their own password at or after `queuedAt`, the mail's creation: theirs stays until they change it.
     */
    setMailedPassword(email: string, hash: string, queuedAt: number): boolean {
      return updateMailedPassword.run(hash, email, queuedAt).changes === 1;
    },
    /**
     * A reset: uses the token up, sets the password the student chose and ends every session of theirs (whoever knew
     * the old password is signed out), in one transaction. The token's e-mail, or null when it is used or expired
     * (then nothing changes).
     */
    resetPassword(tokenHash: string, hash: string, now: number): string | null {
      return inTransaction(db, () => {
        const row = takeReset.get(tokenHash, now);
        if (!row) return null;
        const email = String(row.email);
        updateOwnPassword.run(hash, now, email);
        deleteStudentSessions.run(email);
        return email;
      });
    },
    createSession(tokenHash: string, role: SessionRole, email: string, expiresAt: number, now: number): void {
      sweepSessions.run(now);
      insertSession.run(tokenHash, role, email, expiresAt);
    },
    findSession(tokenHash: string, now: number): { role: SessionRole; email: string } | null {
      const row = selectSession.get(tokenHash, now);
      return row ? { role: String(row.role) as SessionRole, email: String(row.email) } : null;
    },
    deleteSession(tokenHash: string): void {
      deleteSession.run(tokenHash);
    },
    saveResetToken(tokenHash: string, email: string, expiresAt: number, now: number): void {
      sweepResets.run(now);
      insertReset.run(tokenHash, email, expiresAt);
    },
    /** Whether the token is still good, without using it (the reset form is shown only for a good one). */
    resetTokenEmail(tokenHash: string, now: number): string | null {
      const row = peekReset.get(tokenHash, now);
      return row ? String(row.email) : null;
    },
  };
}

// Students (e-mail is the key), their sign-in sessions (and the admin's), and one-time password-reset tokens. Tokens
// are stored as SHA-256 hashes: the database alone lets nobody in.
import type { DatabaseSync } from 'node:sqlite';
import type { Language } from '../receive/notification.ts';
import type { SessionRole, Student } from './members-records.ts';

function toStudent(row: Record<string, unknown>): Student {
  return {
    email: String(row.email), name: String(row.name), language: String(row.language) as Language,
    passwordHash: row.password_hash === null ? null : String(row.password_hash), createdAt: Number(row.created_at),
  };
}

export function studentStatements(db: DatabaseSync) {
  const insertStudent = db.prepare('INSERT INTO students (email, name, language, password_hash, created_at) VALUES (?, ?, ?, NULL, ?) ON CONFLICT (email) DO NOTHING');
  const selectStudent = db.prepare('SELECT * FROM students WHERE email = ?');
  const selectStudents = db.prepare('SELECT * FROM students ORDER BY created_at, email');
  const updatePassword = db.prepare('UPDATE students SET password_hash = ? WHERE email = ?');
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
    createStudent(student: Omit<Student, 'passwordHash'>): boolean {
      return insertStudent.run(student.email, student.name, student.language, student.createdAt).changes === 1;
    },
    getStudent(email: string): Student | null {
      const row = selectStudent.get(email);
      return row ? toStudent(row) : null;
    },
    listStudents(): Student[] {
      return selectStudents.all().map(toStudent);
    },
    setPasswordHash(email: string, hash: string): void {
      updatePassword.run(hash, email);
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
    /** Uses the token up: its e-mail the first time, null after (or once expired). */
    takeResetToken(tokenHash: string, now: number): string | null {
      const row = takeReset.get(tokenHash, now);
      return row ? String(row.email) : null;
    },
  };
}

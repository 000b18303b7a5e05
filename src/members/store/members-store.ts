// The members area's store: its own SQLite file and its own SQL (one statement file per job), synchronous like
// node:sqlite. Only this folder writes SQL for the members area.
import { join } from 'node:path';
import { accessStatements } from './access-sql.ts';
import { eventStatements } from './events-sql.ts';
import { inTransaction } from '../../store/sqlite/database.ts';
import { openMembersDb } from './open-members-db.ts';
import { outboxStatements } from './outbox-sql.ts';
import { studentStatements } from './students-sql.ts';

export type MembersStore = ReturnType<typeof eventStatements> & ReturnType<typeof accessStatements> & ReturnType<typeof studentStatements> & ReturnType<typeof outboxStatements> & {
  /** Runs `work` in one write transaction: every write in it is committed, or none. */
  transaction<T>(work: () => T): T;
  close(): void;
};

/** The members area's database file in its data folder. */
export const membersDbFile = (dataDir: string): string => join(dataDir, 'members.db');

export function openMembersStore(dataDir: string): MembersStore {
  const db = openMembersDb(membersDbFile(dataDir));
  return {
    ...eventStatements(db),
    ...accessStatements(db),
    ...studentStatements(db),
    ...outboxStatements(db),
    transaction: (work) => inTransaction(db, work),
    close: () => { if (db.isOpen) db.close(); },
  };
}

// Which columns of each table are copied and how each value becomes PostgreSQL's: read from both schemas as they are,
// so a column added by a migration is copied without a change here, and a schema that differs from the plans (a table
// or a column in one store only) stops the copy before anything is written (our bug: the plans fell behind).
import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';
import { notCopied, tablePlans } from './table-plans.ts';
import type { TablePlan } from './table-plans.ts';

export type ColumnCopy = {
  name: string;
  /** Its type on PostgreSQL, as json_to_recordset reads it. */
  type: string;
  /** The SQLite value as PostgreSQL takes it (a JSON value: copy-rows.ts sends rows as JSON). */
  convert(value: unknown): unknown;
};
export type TableCopy = TablePlan & { columns: ColumnCopy[] };

type Queryable = Pick<pg.ClientBase, 'query'>;

const same = (value: unknown) => value;

/** Each PostgreSQL type the schema uses, and how a SQLite value becomes it. */
const conversions: Record<string, (value: unknown) => unknown> = {
  text: same,
  integer: same,
  bigint: same,
  // SQLite keeps booleans as 0 and 1; the stores read 1 as true and anything else as false (rows.ts)
  boolean: (value) => (value === null ? null : Number(value) === 1),
  // a list is JSON text on SQLite (events.search_terms), NULL for none, where PostgreSQL's publish writes an empty array
  'text[]': (value) => (value === null ? [] : JSON.parse(String(value)) as string[]),
};

/** The copy of every planned table, checked against both schemas. */
export async function planColumns(source: DatabaseSync, target: Queryable): Promise<TableCopy[]> {
  await requireEveryTablePlanned(source, target);
  const copies: TableCopy[] = [];
  for (const plan of tablePlans) {
    const sourceColumns = (source.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(plan.table) as { name: string }[]).map((row) => row.name);
    const { rows } = await target.query<{ column_name: string; data_type: string; udt_name: string }>(`SELECT column_name, data_type, udt_name
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [plan.table]);
    const targetTypes = new Map(rows.map((row) => [row.column_name, row.data_type === 'ARRAY' ? `${row.udt_name.replace(/^_/, '')}[]` : row.data_type]));
    const differ = [...sourceColumns.filter((name) => !targetTypes.has(name)).map((name) => `${name} only on SQLite`),
      ...[...targetTypes.keys()].filter((name) => !sourceColumns.includes(name)).map((name) => `${name} only on PostgreSQL`)];
    if (differ.length > 0) throw new Error(`copy-to-postgres: the two schemas of ${plan.table} differ (${differ.join(', ')}): this build cannot copy it`);
    copies.push({ ...plan, columns: sourceColumns.map((name) => columnCopy(plan, name, targetTypes.get(name)!)) });
  }
  return copies;
}

function columnCopy(plan: TablePlan, name: string, type: string): ColumnCopy {
  if (plan.reset && Object.hasOwn(plan.reset, name)) return { name, type, convert: () => plan.reset![name] };
  const convert = conversions[type];
  if (convert === undefined) throw new Error(`copy-to-postgres: no conversion into PostgreSQL's ${type} (${plan.table}.${name})`);
  return { name, type, convert };
}

/** Fails when a table of either schema is neither planned nor deliberately left out (table-plans.ts). */
async function requireEveryTablePlanned(source: DatabaseSync, target: Queryable): Promise<void> {
  const planned = new Set(tablePlans.map((plan) => plan.table));
  const sourceTables = (source.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[])
    .map((row) => row.name);
  const targetTables = (await target.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)).rows.map((row) => row.table_name);
  const unplanned = [
    ...sourceTables.filter((name) => !planned.has(name) && !Object.hasOwn(notCopied.sqlite, name)).map((name) => `${name} (SQLite)`),
    ...targetTables.filter((name) => !planned.has(name) && !Object.hasOwn(notCopied.postgres, name)).map((name) => `${name} (PostgreSQL)`),
    ...[...planned].filter((name) => !sourceTables.includes(name) || !targetTables.includes(name)).map((name) => `${name} (missing from a schema)`),
  ];
  if (unplanned.length > 0) throw new Error(`copy-to-postgres: no copy plan for ${unplanned.join(', ')}: this build cannot copy its database`);
}

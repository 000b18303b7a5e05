// One table's rows from the SQLite snapshot into PostgreSQL, in batches: each batch is one INSERT of its rows as one
// JSON parameter (json_to_recordset types each column), so a batch costs one round trip whatever its width.
import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';
import type { TableCopy } from './copy-columns.ts';

/**
 * Rows per INSERT, and the JSON text at which a batch is sent sooner (attempts carry response bodies of up to
 * POSTBACK_RESPONSE_KEPT_BYTES): bounds the memory of a batch, while a round trip per thousand rows is a small share of
 * the rows' own cost on the server.
 */
const batchRows = 1000;
const batchChars = 4 * 1024 * 1024;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Copies `table` in its key order, calling `copied` with the running count after each batch; returns the count. */
export async function copyRows(source: DatabaseSync, target: Pick<pg.ClientBase, 'query'>, table: TableCopy, copied: (rows: number) => void): Promise<number> {
  const names = table.columns.map((column) => quoted(column.name)).join(', ');
  const typed = table.columns.map((column) => `${quoted(column.name)} ${column.type}`).join(', ');
  const insert = `INSERT INTO ${quoted(table.table)} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${typed})`;
  const select = source.prepare(`SELECT ${names} FROM ${quoted(table.table)} ORDER BY ${table.orderBy}`);
  let batch: string[] = [];
  let chars = 0;
  let count = 0;
  const send = async () => {
    await target.query(insert, [`[${batch.join(',')}]`]);
    count += batch.length;
    batch = [];
    chars = 0;
    copied(count);
  };
  for (const row of select.iterate()) {
    const json = JSON.stringify(Object.fromEntries(table.columns.map((column) => [column.name, column.convert(row[column.name])])));
    batch.push(json);
    chars += json.length;
    if (batch.length >= batchRows || chars >= batchChars) await send();
  }
  if (batch.length > 0) await send();
  return count;
}

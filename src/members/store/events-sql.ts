// Notifications as received: stored once per event id (the dedupe), read back as the facts of one student's product.
import type { DatabaseSync } from 'node:sqlite';
import type { AccessFact } from '../access/decide-access.ts';
import type { Language } from '../receive/notification.ts';
import type { StoredNotification } from './members-records.ts';

type Row = Record<string, unknown>;
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toFact(row: Row): AccessFact {
  return {
    eventId: String(row.id), event: String(row.event), occurredAt: Number(row.occurred_at), transaction: textOrNull(row.txn),
    subscriberCode: textOrNull(row.subscriber_code), recurrenceNumber: numberOrNull(row.recurrence_number), dateNextCharge: numberOrNull(row.date_next_charge),
  };
}

function toStored(row: Row): StoredNotification {
  return {
    ...toFact(row), format: String(row.format) as StoredNotification['format'], email: textOrNull(row.email), buyerName: textOrNull(row.buyer_name),
    language: textOrNull(row.language) as Language | null, productId: textOrNull(row.product_id), productName: textOrNull(row.product_name),
    receivedAt: Number(row.received_at), outcome: String(row.outcome) as StoredNotification['outcome'], body: String(row.body),
  };
}

export function eventStatements(db: DatabaseSync) {
  // ON CONFLICT DO NOTHING: a retry of an event already stored changes nothing, and says so (no row inserted)
  const insert = db.prepare(`INSERT INTO events (id, event, format, occurred_at, received_at, email, buyer_name, language, product_id, product_name, txn,
    subscriber_code, recurrence_number, date_next_charge, outcome, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
  const selectFacts = db.prepare('SELECT * FROM events WHERE email = ? AND product_id = ? AND outcome = \'applied\' ORDER BY occurred_at, id');
  const selectByIds = db.prepare('SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?)) ORDER BY occurred_at, id');
  const selectRecent = db.prepare('SELECT * FROM events ORDER BY received_at DESC, id DESC LIMIT ?');
  return {
    /** False when an event with this id was stored before (nothing is written then). */
    insertEvent(event: StoredNotification): boolean {
      return insert.run(event.eventId, event.event, event.format, event.occurredAt, event.receivedAt, event.email, event.buyerName, event.language, event.productId,
        event.productName, event.transaction, event.subscriberCode, event.recurrenceNumber, event.dateNextCharge, event.outcome, event.body).changes === 1;
    },
    /** Every applied event of this student's product: what its access is decided from. */
    factsFor(email: string, productId: string): AccessFact[] {
      return selectFacts.all(email, productId).map(toFact);
    },
    eventsByIds(ids: string[]): StoredNotification[] {
      return selectByIds.all(JSON.stringify(ids)).map(toStored);
    },
    recentEvents(limit: number): StoredNotification[] {
      return selectRecent.all(limit).map(toStored);
    },
  };
}

// What the benchmark sends: the catalogue's PURCHASE_APPROVED sample with a unique transaction per event, as a
// publish request body, and as the Hotmart 2.0.0 body plus headers a receiver gets (the ceiling sends those).
import { createHmac, randomBytes } from 'node:crypto';
import { sampleData } from '../src/catalog/index.ts';

const dataTemplate = (() => {
  const data = sampleData('PURCHASE_APPROVED') as { purchase: { transaction: string } };
  data.purchase.transaction = '__TXN__';
  return JSON.stringify(data);
})();

/** The `data` of event number `index` as JSON text: the sample, with transaction HP<15 digits>. */
export function eventDataJson(index: number): string {
  return dataTemplate.replace('__TXN__', `HP${String(100_000_000_000_000 + index)}`);
}

/** The body of POST /api/v1/events for one event with a caller-chosen id (the receivers see it as webhook-id). */
export function publishBody(id: string, index: number): string {
  return `{"event":"PURCHASE_APPROVED","id":"${id}","data":${eventDataJson(index)}}`;
}

/** The 2.0.0 envelope Postback renders for that event (same shape and size). */
export function deliveryBody(id: string, index: number, creationDate: number): string {
  return `{"id":"${id}","creation_date":${creationDate},"event":"PURCHASE_APPROVED","version":"2.0.0","data":${eventDataJson(index)}}`;
}

const secret = randomBytes(32);
const hottok = randomBytes(24).toString('base64url');

/** The headers of one delivery, signed the Standard Webhooks way, as Postback and the DIY sender send them. */
export function deliveryHeaders(id: string, body: string, timestampSeconds: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'user-agent': 'Postback-bench/1',
    'x-hotmart-hottok': hottok,
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}

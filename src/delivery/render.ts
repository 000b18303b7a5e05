// Renders the body a receiver gets. A pure function of the stored event and the delivery's version, so every
// attempt (and every resend) of a delivery carries the same bytes: the event row is immutable and its data is
// stored as the exact JSON text that was accepted.
import type { StoredEvent } from '../store/store.ts';

export type RenderedBody = { contentType: string; body: string };

export function renderBody(event: StoredEvent, version: string): RenderedBody {
  switch (version) {
    case '2.0.0':
      return { contentType: 'application/json', body: renderHotmartJson(event) };
    default:
      // our bug, not the receiver's: the API only stores versions the catalogue lists
      throw new Error(`no renderer for format version ${version}`);
  }
}

/** Hotmart 2.0.0 envelope: `{id, creation_date (epoch ms), event, version, data}`, compact JSON. */
function renderHotmartJson(event: StoredEvent): string {
  return `{"id":${JSON.stringify(event.id)},"creation_date":${event.creationDate},"event":${JSON.stringify(event.event)},"version":"2.0.0","data":${event.data}}`;
}

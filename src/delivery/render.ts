// Renders the body a receiver gets. A pure function of the stored event, the delivery's version and (for 1.0.0)
// the hottok, so every attempt (and every resend) of a delivery carries the same bytes: the event row is
// immutable and its data is stored as the exact JSON text that was accepted. A 1.0.0 body carries the hottok
// itself, so it changes only when the account rotates its hottok, as the X-HOTMART-HOTTOK header does.
import { isEventName, renderLegacyForm } from '../catalog/index.ts';
import type { StoredEvent } from '../store/store.ts';
import { hookFormat, renderFlatJson } from './render-flat.ts';

export type RenderedBody = { contentType: string; body: string };

/** `hottok` goes into 1.0.0 bodies only; the history renders with a masked one (see maskHottok). */
export function renderBody(event: StoredEvent, version: string, hottok: string): RenderedBody {
  switch (version) {
    case '2.0.0':
      return { contentType: 'application/json', body: renderHotmartJson(event) };
    case '1.0.0':
      return { contentType: 'application/x-www-form-urlencoded', body: renderHotmartForm(event, hottok) };
    case hookFormat:
      // REST hooks (POST /api/v1/hooks): flat JSON for automation tools
      return { contentType: 'application/json', body: renderFlatJson(event) };
    default:
      // our bug, not the receiver's: the API only stores versions the catalogue lists
      throw new Error(`no renderer for format version ${version}`);
  }
}

/** Hotmart 2.0.0 envelope: `{id, creation_date (epoch ms), event, version, data}`, compact JSON. */
function renderHotmartJson(event: StoredEvent): string {
  return `{"id":${JSON.stringify(event.id)},"creation_date":${event.creationDate},"event":${JSON.stringify(event.event)},"version":"2.0.0","data":${event.data}}`;
}

/** Hotmart 1.0.0 (legacy "Postback"): flat form fields, the hottok among them; the catalogue's table maps each. */
function renderHotmartForm(event: StoredEvent, hottok: string): string {
  // our bug, not the receiver's: ingest stores only catalogue event names and JSON objects
  if (!isEventName(event.event)) throw new Error(`no 1.0.0 fields for unknown event ${event.event}`);
  return renderLegacyForm(event.event, JSON.parse(event.data) as Record<string, unknown>, hottok);
}

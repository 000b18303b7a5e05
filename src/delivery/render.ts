// Renders the body a receiver gets. A pure function of the stored event, what the delivery captured at fan-out (its
// format version and whether the hottok goes in the body) and the hottok, so every attempt (and every resend) of a
// delivery carries the same bytes: the event row is immutable and its data is stored as the exact JSON text that
// was accepted. A body that carries the hottok (every 1.0.0 body; 2.0.0 ones where Hotmart puts it, or the webhook
// asks) changes only when the account rotates its hottok, as the X-HOTMART-HOTTOK header does.
import { isEventName, renderLegacyForm, wireEnvelopeOf } from '../catalog/index.ts';
import { conversionVersion } from '../domain/conversion.ts';
import type { ConversionConfig } from '../domain/conversion.ts';
import type { DeliverySummary, StoredEvent } from '../store/store.ts';
import { hookFormat, renderFlatJson } from './render-flat.ts';
import { renderConversion } from './conversion/render-conversion.ts';

export type RenderedBody = { contentType: string; body: string };

/** What a delivery fixed about its body at fan-out. */
export type BodyShape = Pick<DeliverySummary, 'version' | 'hottokInBody'>;

/** One attempt's request. `contentType` is null for a bodiless GET; `hottok` is the X-HOTMART-HOTTOK to send, if any. */
export type RenderedRequest = { method: 'GET' | 'POST'; url: string; contentType: string | null; body: string; hottok: string | null };
/** The webhook as a renderer needs it: its URL (a template for postbacks) and its conversion configuration. */
export type RenderTarget = { url: string; postback: ConversionConfig | null };

/** What one attempt of a delivery sends to `target`: a body format is POSTed as rendered; a postback is rendered from its templates. */
export function renderRequest(event: StoredEvent, shape: BodyShape, hottok: string, target: RenderTarget): RenderedRequest {
  if (shape.version !== conversionVersion) return { method: 'POST', url: target.url, ...renderBody(event, shape, hottok), hottok };
  // our bug, not the receiver's: the API stores a configuration with every postback webhook
  if (!target.postback) throw new Error('a postback webhook without its conversion configuration');
  // never the hottok: it goes to an ad network, which could then forge Hotmart notifications to the producer's receivers
  return { ...renderConversion(event, target.url, target.postback), hottok: null };
}

/** The history renders with a masked hottok (see maskHottok), so it shows where the token went without showing it. */
export function renderBody(event: StoredEvent, shape: BodyShape, hottok: string): RenderedBody {
  switch (shape.version) {
    case '2.0.0':
      return { contentType: 'application/json', body: renderHotmartJson(event, shape, hottok) };
    case '1.0.0':
      return { contentType: 'application/x-www-form-urlencoded', body: renderHotmartForm(event, hottok) };
    case hookFormat:
      // REST hooks (POST /api/v1/hooks): flat JSON for automation tools
      return { contentType: 'application/json', body: renderFlatJson(event) };
    default:
      // our bug, not the receiver's: the API only stores versions the catalogue lists
      throw new Error(`no renderer for format version ${shape.version}`);
  }
}

/**
 * Hotmart 2.0.0, compact JSON, keys in production's order: `data` first, then `hottok` where present, `id`, the
 * creation date (epoch ms; `creationDate` for CLUB_FIRST_ACCESS, as production spells it), `event`, `version`.
 * The hottok is in the body where Hotmart puts it (test posts, UPDATE_SUBSCRIPTION_CHARGE_DATE) and wherever the
 * webhook asks for it (hottok_in_body), for receivers that read only `body.hottok`.
 */
function renderHotmartJson(event: StoredEvent, shape: BodyShape, hottok: string): string {
  // our bug, not the receiver's: ingest stores only catalogue event names
  if (!isEventName(event.event)) throw new Error(`no 2.0.0 envelope for unknown event ${event.event}`);
  const wire = wireEnvelopeOf(event.event);
  const withHottok = shape.hottokInBody || event.isTest || wire.hottokInBody;
  const token = withHottok ? `"hottok":${JSON.stringify(hottok)},` : '';
  return `{"data":${event.data},${token}"id":${JSON.stringify(event.id)},"${wire.creationDateKey}":${event.creationDate},"event":${JSON.stringify(event.event)},"version":"2.0.0"}`;
}

/** Hotmart 1.0.0 (legacy "Postback"): flat form fields, the hottok among them; the catalogue's table maps each. */
function renderHotmartForm(event: StoredEvent, hottok: string): string {
  // our bug, not the receiver's: ingest stores only catalogue event names and JSON objects
  if (!isEventName(event.event)) throw new Error(`no 1.0.0 fields for unknown event ${event.event}`);
  return renderLegacyForm(event.event, JSON.parse(event.data) as Record<string, unknown>, hottok);
}

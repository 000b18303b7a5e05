// The values a conversion template's {macros} stand for, taken from one stored event and the webhook's
// configuration. Pure: the same event and configuration give the same values, so every attempt sends the same bytes.
import { createHash, createHmac } from 'node:crypto';
import net from 'node:net';
import type { ConversionConfig } from '../../domain/conversion.ts';
import { clickIdOf, originKeys, originOfEventData } from '../../domain/tracking-origin.ts';
import type { StoredEvent } from '../../store/store.ts';

/** Every macro a template may use; a template naming any other is refused when it is saved. */
export const macroNames = [
  ...originKeys, 'click_id', 'goal', 'transaction', 'price', 'currency', 'event', 'status', 'product_id',
  'event_id', 'event_time', 'sha256_email', 'sha256_phone', 'fbc', 'buyer_ip', 'buyer_user_agent', 'checkout_page_url',
  'access_token', 'appsecret_proof', 'sale_event_id', 'test_event_code',
] as const;
export type MacroName = (typeof macroNames)[number];
export type MacroValues = Record<MacroName, string>;

/** Macros whose value is a number: a JSON leaf made of one of them alone is sent as a number, not a string. */
export const numericMacros: readonly MacroName[] = ['price', 'event_time'];

type EventData = {
  product?: { id?: unknown };
  /** Cart abandonment carries the visitor's address at the top level. */
  buyer_ip?: unknown;
  buyer?: { email?: unknown; checkout_phone?: unknown; checkout_phone_code?: unknown; address?: { country_iso?: unknown } };
  purchase?: { transaction?: unknown; status?: unknown; order_date?: unknown; price?: { value?: unknown; currency_value?: unknown };
    buyer_ip?: unknown; buyer_user_agent?: unknown; checkout_page_url?: unknown };
};

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const sha256 = (value: string): string => (value === '' ? '' : createHash('sha256').update(value).digest('hex'));
// fails closed to empty (the value is then left out): a network refuses an event whose address or page is not one
const ipAddress = (value: unknown): string => (typeof value === 'string' && net.isIP(value) !== 0 ? value : '');
const webPage = (value: unknown): string => (typeof value === 'string' && /^https?:\/\//i.test(value) && URL.canParse(value) ? value : '');

/** Meta's normalisation of an e-mail before hashing: trimmed, lowercase. */
export const normalisedEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Meta's normalisation of a phone before hashing: digits only, with the country code. Hotmart's checkout gives the
 * area code (DDD) and the number apart; a Brazilian number of 10 or 11 digits gets Brazil's 55 in front.
 */
export function normalisedPhone(areaCode: string, number: string, countryIso: string): string {
  const digits = `${areaCode}${number}`.replace(/\D/g, '');
  const brazilian = countryIso === '' || countryIso.toUpperCase() === 'BR';
  return brazilian && (digits.length === 10 || digits.length === 11) ? `55${digits}` : digits;
}

/** The approval: the one event whose id is the transaction alone, as the browser pixel's order id (Meta's Purchase). */
export const approvalEvent = 'PURCHASE_APPROVED';

/**
 * One id per event of a sale, for networks that dedupe on it (Meta: the same event_name and event_id within 48 hours
 * count once). The approval's is the transaction alone, as the browser pixel sends it as the order id, so the two
 * reports of one purchase are deduped; any other event's carries its name, so a refund is never taken for the sale.
 */
export function saleEventId(transaction: string, event: string): string {
  if (transaction === '') return '';
  return event === approvalEvent ? transaction : `${transaction}-${event}`;
}

export function macroValues(event: StoredEvent, config: ConversionConfig): MacroValues {
  const data = JSON.parse(event.data) as EventData;
  const origin = originOfEventData(data);
  const goal = config.goals[event.event];
  const price = typeof data.purchase?.price?.value === 'number' ? data.purchase.price.value : null;
  const orderDate = typeof data.purchase?.order_date === 'number' ? data.purchase.order_date : event.creationDate;
  const buyer = data.buyer ?? {};
  const accessToken = config.secrets.access_token ?? '';
  const appSecret = config.secrets.app_secret ?? '';
  const originValues = Object.fromEntries(originKeys.map((key) => [key, origin[key] ?? ''])) as Record<(typeof originKeys)[number], string>;
  return {
    ...originValues,
    click_id: clickIdOf(origin, config.click_id_from),
    goal: goal?.goal ?? '',
    transaction: text(data.purchase?.transaction),
    // two places, as Hotmart's 1.0.0 form sends money; a refund goal may report it negative
    price: price === null ? '' : ((goal?.negative_value ? -1 : 1) * price).toFixed(2),
    currency: text(data.purchase?.price?.currency_value),
    event: event.event,
    status: text(data.purchase?.status),
    product_id: text(data.product?.id),
    event_id: event.id,
    event_time: String(Math.floor(event.creationDate / 1000)),
    sha256_email: sha256(normalisedEmail(text(buyer.email))),
    sha256_phone: sha256(normalisedPhone(text(buyer.checkout_phone_code), text(buyer.checkout_phone), text(buyer.address?.country_iso))),
    // Meta's click id cookie, built from the fbclid the ad added: fb.<subdomain index>.<first seen, ms>.<fbclid>
    fbc: origin.fbclid ? `fb.1.${orderDate}.${origin.fbclid}` : '',
    // the buyer's browser, as the checkout recorded it (Meta's client_ip_address, client_user_agent, event_source_url)
    buyer_ip: ipAddress(data.purchase?.buyer_ip ?? data.buyer_ip),
    buyer_user_agent: text(data.purchase?.buyer_user_agent),
    checkout_page_url: webPage(data.purchase?.checkout_page_url),
    access_token: accessToken,
    // Meta's request signature: HMAC-SHA256 of the access token under the app secret
    appsecret_proof: accessToken !== '' && appSecret !== '' ? createHmac('sha256', appSecret).update(accessToken).digest('hex') : '',
    sale_event_id: saleEventId(text(data.purchase?.transaction), event.event),
    // on test sends only: a real sale carrying it would show in Meta's Test Events tool and not count
    test_event_code: event.isTest ? config.test_event_code ?? '' : '',
  };
}

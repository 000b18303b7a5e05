// The values a conversion template's {macros} stand for, taken from one stored event and the webhook's
// configuration. Pure: the same event and configuration give the same values, so every attempt sends the same bytes.
import { createHash, createHmac } from 'node:crypto';
import type { ConversionConfig } from '../../domain/conversion.ts';
import { clickIdOf, originKeys, originOfEventData } from '../../domain/tracking-origin.ts';
import type { StoredEvent } from '../../store/store.ts';

/** Every macro a template may use; a template naming any other is refused when it is saved. */
export const macroNames = [
  ...originKeys, 'click_id', 'goal', 'transaction', 'price', 'currency', 'event', 'status', 'product_id',
  'event_id', 'event_time', 'sha256_email', 'sha256_phone', 'fbc', 'access_token', 'appsecret_proof',
] as const;
export type MacroName = (typeof macroNames)[number];
export type MacroValues = Record<MacroName, string>;

/** Macros whose value is a number: a JSON leaf made of one of them alone is sent as a number, not a string. */
export const numericMacros: readonly MacroName[] = ['price', 'event_time'];

type EventData = {
  product?: { id?: unknown };
  buyer?: { email?: unknown; checkout_phone?: unknown; checkout_phone_code?: unknown; address?: { country_iso?: unknown } };
  purchase?: { transaction?: unknown; status?: unknown; order_date?: unknown; price?: { value?: unknown; currency_value?: unknown } };
};

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const sha256 = (value: string): string => (value === '' ? '' : createHash('sha256').update(value).digest('hex'));

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
    access_token: accessToken,
    // Meta's request signature: HMAC-SHA256 of the access token under the app secret
    appsecret_proof: accessToken !== '' && appSecret !== '' ? createHmac('sha256', appSecret).update(accessToken).digest('hex') : '',
  };
}

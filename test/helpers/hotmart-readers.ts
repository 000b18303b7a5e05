// How real Hotmart receivers read a delivery, written the way their code reads it: the field paths and the types
// that members areas (WordPress and Django plugins), trackers (ad-network postbacks), automation nodes (an n8n
// trigger) and 1.0.0 PHP form handlers use. Each reader returns what it understood, or throws what such a receiver
// would choke on: a missing path, a number sent as text, an event name it does not know.

type Json = Record<string, any>;

export type JsonReading = {
  event: string;
  id: string;
  /** What a members area keys access on. */
  email: string;
  transaction?: string;
  productId: number | string;
  subscriberCode?: string;
  recurrence?: number;
  paymentType?: string;
  /** What a tracker posts back to an ad network. */
  sck?: string;
  price?: number;
};

export type FormReading = { status?: string; transaction?: string; email: string; prod: string; price?: number; callbackType: number; subscriberCode?: string; recurrency?: number };

// The n8n Hotmart trigger's list: an event outside it is answered 400.
const n8nEvents = new Set([
  'PURCHASE_APPROVED', 'PURCHASE_COMPLETE', 'PURCHASE_CANCELED', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_PROTEST',
  'PURCHASE_EXPIRED', 'PURCHASE_DELAYED', 'PURCHASE_BILLET_PRINTED', 'PURCHASE_OUT_OF_SHOPPING_CART', 'SUBSCRIPTION_CANCELLATION',
  'SWITCH_PLAN', 'UPDATE_SUBSCRIPTION_CHARGE_DATE', 'CLUB_FIRST_ACCESS', 'CLUB_MODULE_COMPLETED',
]);

function need(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const isEmail = (value: unknown): value is string => typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value);

/** The hottok check receivers do: the header, and `body.hottok` too where the body carries one. */
export function checkHottok(headers: Record<string, unknown>, body: Json, hottok: string): void {
  need(headers['x-hotmart-hottok'] === hottok, 'X-HOTMART-HOTTOK is not the account hottok (401)');
  need(body.hottok === undefined || body.hottok === hottok, 'body.hottok is not the account hottok (401)');
}

/** A purchase's payment as a checkout-aware receiver reads it: PIX and boleto fields by payment.type. */
function readPayment(payment: Json | undefined): string | undefined {
  if (payment === undefined) return undefined;
  need(typeof payment.type === 'string', 'data.purchase.payment.type is not a string');
  if (payment.type === 'PIX') {
    need(typeof payment.pix_code === 'string' && payment.pix_code.startsWith('000201'), 'a PIX sale without its BR Code (payment.pix_code)');
    need(typeof payment.pix_qrcode === 'string' && /^https:\/\//.test(payment.pix_qrcode), 'a PIX sale without payment.pix_qrcode');
    need(typeof payment.pix_expiration_date === 'number', 'payment.pix_expiration_date is not epoch ms');
  }
  if (payment.type === 'BILLET') {
    need(typeof payment.billet_url === 'string' && /^https:\/\//.test(payment.billet_url), 'a boleto without payment.billet_url');
    need(typeof payment.billet_barcode === 'string' && payment.billet_barcode.length >= 44, 'a boleto without payment.billet_barcode');
  }
  return payment.type;
}

function readPurchase(data: Json, reading: JsonReading): void {
  const purchase = data.purchase as Json;
  need(typeof purchase?.transaction === 'string' && /^HP\d+$/.test(purchase.transaction), 'data.purchase.transaction is not an HP code');
  need(typeof purchase.price?.value === 'number', 'data.purchase.price.value is not a number');
  need(/^[A-Z]{3}$/.test(purchase.price.currency_value), 'data.purchase.price.currency_value is not a currency code');
  need(typeof purchase.status === 'string', 'data.purchase.status is not a string');
  if (purchase.origin?.sck !== undefined) need(typeof purchase.origin.sck === 'string', 'data.purchase.origin.sck is not a string');
  if (data.subscription !== undefined) {
    need(typeof data.subscription.subscriber?.code === 'string', 'data.subscription.subscriber.code is not a string');
    need(Number.isInteger(purchase.recurrence_number) && purchase.recurrence_number >= 1, 'a subscription charge without recurrence_number');
    need(typeof purchase.date_next_charge === 'number', 'a subscription charge without date_next_charge (epoch ms)');
    reading.subscriberCode = data.subscription.subscriber.code;
    reading.recurrence = purchase.recurrence_number;
  }
  reading.transaction = purchase.transaction;
  reading.price = purchase.price.value;
  reading.sck = purchase.origin?.sck;
  reading.paymentType = readPayment(purchase.payment);
}

/** The person each event is about, where members areas and CRMs look for them. */
function personOf(event: string, data: Json): unknown {
  switch (event) {
    case 'PURCHASE_OUT_OF_SHOPPING_CART': return data.buyer?.email;
    case 'SUBSCRIPTION_CANCELLATION': case 'UPDATE_SUBSCRIPTION_CHARGE_DATE': return data.subscriber?.email;
    case 'SWITCH_PLAN': return data.subscription?.user?.email;
    case 'CLUB_FIRST_ACCESS': case 'CLUB_MODULE_COMPLETED': return data.user?.email;
    default: return data.buyer?.email;
  }
}

function productIdOf(event: string, data: Json): unknown {
  return event === 'SWITCH_PLAN' || event === 'UPDATE_SUBSCRIPTION_CHARGE_DATE' ? data.subscription?.product?.id : data.product?.id;
}

/** A 2.0.0 body, read as the receivers above read it. */
export function readJsonDelivery(body: Json): JsonReading {
  need(n8nEvents.has(body.event), `unknown event "${body.event}" (the n8n trigger answers 400)`);
  need(typeof body.id === 'string' && body.id !== '', 'no event id to dedupe on');
  need(body.version === '2.0.0', 'version is not 2.0.0');
  need(typeof (body.creation_date ?? body.creationDate) === 'number', 'the creation date is not epoch ms');
  const data = body.data as Json;
  const email = personOf(body.event, data);
  need(isEmail(email), `no e-mail of the person ${body.event} is about`);
  const productId = productIdOf(body.event, data);
  const club = body.event.startsWith('CLUB_');
  // the members-area events send the id as a string of digits; every other event as a number
  need(club ? typeof productId === 'string' && /^\d+$/.test(productId) : Number.isInteger(productId), `${body.event}: data.product.id is ${typeof productId}`);
  const reading: JsonReading = { event: body.event, id: body.id, email, productId: productId as number | string };
  if (body.event.startsWith('PURCHASE_') && body.event !== 'PURCHASE_OUT_OF_SHOPPING_CART') readPurchase(data, reading);
  if (body.event === 'UPDATE_SUBSCRIPTION_CHARGE_DATE') {
    need(Number.isInteger(data.subscription?.new_charge_day), 'data.subscription.new_charge_day is not an integer (snake_case, as production sends it)');
    need(typeof data.subscription?.date_next_charge === 'string', 'data.subscription.date_next_charge is not an ISO string');
  }
  if (body.event === 'SUBSCRIPTION_CANCELLATION' || body.event === 'UPDATE_SUBSCRIPTION_CHARGE_DATE') reading.subscriberCode = data.subscriber?.code;
  if (body.event === 'SWITCH_PLAN') reading.subscriberCode = data.subscription?.subscriber_code;
  return reading;
}

const legacyStatuses = new Set(['started', 'approved', 'canceled', 'billet_printed', 'refunded', 'dispute', 'completed', 'blocked', 'chargeback', 'delayed', 'expired', 'wayting_payment']);

/** A 1.0.0 form body, read as a PHP receiver reads `$_POST`. */
export function readFormDelivery(post: Record<string, string>, hottok: string): FormReading {
  need(post.hottok === hottok, '$_POST["hottok"] is not the account hottok');
  need(/^\d+$/.test(post.prod ?? ''), '$_POST["prod"] is not a product number');
  need(isEmail(post.email), '$_POST["email"] is not an e-mail');
  const callbackType = Number(post.callback_type);
  need(Number.isInteger(callbackType) && callbackType >= 1 && callbackType <= 7, `$_POST["callback_type"] is "${post.callback_type}"`);
  const reading: FormReading = { email: post.email!, prod: post.prod!, callbackType };
  if (callbackType === 1) {
    need(legacyStatuses.has(post.status ?? ''), `$_POST["status"] is "${post.status}"`);
    need(/^HP\d+$/.test(post.transaction ?? ''), '$_POST["transaction"] is not an HP code');
    need(/^\d+\.\d{2}$/.test(post.price ?? ''), `$_POST["price"] is "${post.price}", not a decimal with 2 places`);
    Object.assign(reading, { status: post.status, transaction: post.transaction, price: Number(post.price) });
    // Hotmart-style forms carry every field, empty when it does not apply: a receiver asks !empty(...), not isset(...)
    if ((post.subscriber_code ?? '') !== '') {
      need(/^\d+$/.test(post.recurrency ?? ''), 'a subscription charge without $_POST["recurrency"]');
      Object.assign(reading, { subscriberCode: post.subscriber_code, recurrency: Number(post.recurrency) });
    }
    if (post.payment_type === 'billet') need((post.billet_url ?? '') !== '' && (post.billet_barcode ?? '') !== '', 'a boleto without billet_url and billet_barcode');
  }
  return reading;
}

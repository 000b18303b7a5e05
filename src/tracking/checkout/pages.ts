// The hosted checkout's pages, rendered on the server: small, no script, no CDN, one stylesheet of our own. Every
// value from a buyer or a producer is escaped; every string comes from the message catalogue.
import { affiliateLinkParameter } from '../../domain/affiliate-link.ts';
import { purchaseStates } from '../../domain/purchase-lifecycle.ts';
import type { PurchaseState } from '../../domain/purchase-lifecycle.ts';
import { originKeys } from '../../domain/tracking-origin.ts';
import type { TrackingOrigin } from '../../domain/tracking-origin.ts';
import type { Offer } from '../../store/offers.ts';
import type { Purchase } from '../../store/sales.ts';
import { checkoutMessages, format } from './messages.ts';
import type { CheckoutLanguage, CheckoutMessages } from './messages.ts';
import { orderKeyField } from './order-key.ts';
import { paymentMethods } from './place-order.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `orderKey`: the page's order key (order-key.ts), kept when the form comes back with a mistake; `affiliateCode`: the
 * link's affiliate code (src/domain/affiliate-link.ts), carried as it is: the order checks it (affiliate-credit.ts).
 */
export type FormState = {
  name: string; email: string; payment: string; origin: TrackingOrigin; affiliateCode?: string | undefined; orderKey: string;
  errors: Partial<Record<'name' | 'email' | 'payment', string>>;
};

function layout(language: CheckoutLanguage, title: string, main: string, refreshSeconds?: number): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `${refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}<title>${escapeHtml(title)}</title>`
    + '<link rel="stylesheet" href="/checkout/checkout.css"></head><body><main>'
    + `${main}</main></body></html>`;
}

const money = (language: CheckoutLanguage, cents: number, currency: string): string =>
  new Intl.NumberFormat(language, { style: 'currency', currency }).format(cents / 100);

function summary(language: CheckoutLanguage, t: CheckoutMessages, offer: Offer): string {
  return `<header><p class="product">${escapeHtml(offer.productName)}</p><h1>${escapeHtml(offer.name)}</h1>`
    + `<p class="price"><span>${t.total}</span> <strong>${money(language, offer.priceCents, offer.currency)}</strong></p></header>`;
}

/** The form: name, e-mail, payment method; the link's tracking parameters, affiliate code and the order key ride along as hidden fields. */
export function offerPage(language: CheckoutLanguage, offer: Offer, state: FormState): string {
  const t = checkoutMessages[language];
  const error = (field: keyof FormState['errors']) => (state.errors[field] ? `<p class="error" id="${field}-error">${escapeHtml(state.errors[field])}</p>` : '');
  const invalid = (field: keyof FormState['errors']) => (state.errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const hidden = originKeys.filter((key) => state.origin[key] !== undefined)
    .map((key) => `<input type="hidden" name="${key}" value="${escapeHtml(state.origin[key]!)}">`).join('')
    + (state.affiliateCode === undefined ? '' : `<input type="hidden" name="${affiliateLinkParameter}" value="${escapeHtml(state.affiliateCode)}">`)
    + `<input type="hidden" name="${orderKeyField}" value="${escapeHtml(state.orderKey)}">`;
  const methods = paymentMethods.map((method) => `<label class="method"><input type="radio" name="payment" value="${method}"${state.payment === method ? ' checked' : ''} required> ${t[method]}</label>`).join('');
  const alert = Object.keys(state.errors).length > 0 ? `<p class="error" role="alert">${t.fixErrors}</p>` : '';
  return layout(language, `${t.pageTitle}: ${offer.productName}`, `${summary(language, t, offer)}${alert}
<form method="post" action="/checkout/${escapeHtml(offer.code)}" novalidate>${hidden}
<label>${t.name}<input name="name" autocomplete="name" value="${escapeHtml(state.name)}" required${invalid('name')}></label>${error('name')}
<label>${t.email}<input name="email" type="email" autocomplete="email" value="${escapeHtml(state.email)}" required${invalid('email')}></label>${error('email')}
<fieldset><legend>${t.payment}</legend>${methods}</fieldset>${error('payment')}
<button type="submit">${t.buy}</button></form>`);
}

type OrderView = { language: CheckoutLanguage; offer: Offer; purchase: Purchase; demo: boolean };

/** The order's status, the code to pay a boleto or PIX with, and in demo mode the buttons a payment provider would be. */
export function orderPage({ language, offer, purchase, demo }: OrderView): string {
  const t = checkoutMessages[language];
  const data = purchase.data as { buyer?: { name?: string; email?: string }; purchase?: { payment?: { type?: string; pix_code?: string; billet_barcode?: string } } };
  const payment = data.purchase?.payment ?? {};
  const values = { name: data.buyer?.name ?? '', email: data.buyer?.email ?? '', transaction: purchase.transaction };
  // the store writes only lifecycle states; anything else reads as not found rather than as a raw code
  const [title, detail] = Object.hasOwn(purchaseStates, purchase.state) ? statusText(t, purchase.state as PurchaseState, payment.type) : [t.orderNotFound, t.orderNotFoundDetail];
  const code = purchase.state === 'waiting_payment' ? payment.pix_code ?? payment.billet_barcode : undefined;
  const codeBlock = code ? `<label>${t.paymentCode}<textarea readonly rows="3">${escapeHtml(code)}</textarea></label>` : '';
  const action = (to: string, label: string) => `<form method="post" action="/checkout/${escapeHtml(offer.code)}/orders/${escapeHtml(purchase.transaction)}/${to}"><button type="submit">${label}</button></form>`;
  const actions = !demo ? '' : `<aside class="demo"><p>${t.demoNotice}</p>${purchase.state === 'waiting_payment' ? action('pay', t.demoPay) : ''}`
    + `${purchase.state === 'approved' ? action('complete', t.demoComplete) + action('refund', t.demoRefund) : ''}</aside>`;
  const main = `${summary(language, t, offer)}<p class="order">${escapeHtml(format(t.orderTitle, values))}</p>`
    + `<section class="status status-${purchase.state}" role="status"><h2>${escapeHtml(format(title, values))}</h2><p>${escapeHtml(format(detail, values))}</p>${codeBlock}</section>${actions}`;
  return layout(language, format(title, values), main, purchase.state === 'waiting_payment' ? 10 : undefined);
}

function statusText(t: CheckoutMessages, state: PurchaseState, paymentType: string | undefined): [string, string] {
  switch (state) {
    case 'approved': return [t.approvedTitle, t.approvedDetail];
    case 'waiting_payment': return paymentType === 'PIX' ? [t.waitingPixTitle, t.waitingPixDetail] : [t.waitingBilletTitle, t.waitingBilletDetail];
    case 'completed': return [t.completedTitle, t.completedDetail];
    case 'refunded': return [t.refundedTitle, t.refundedDetail];
    case 'expired': return [t.expiredTitle, t.expiredDetail];
    case 'canceled': return [t.canceledTitle, t.canceledDetail];
    case 'chargeback': return [t.chargebackTitle, t.chargebackDetail];
    case 'refund_claimed': return [t.refundClaimedTitle, t.refundClaimedDetail];
    case 'delayed': return [t.delayedTitle, t.delayedDetail];
  }
}

export function notFoundPage(language: CheckoutLanguage, what: 'offer' | 'order'): string {
  const t = checkoutMessages[language];
  const title = what === 'offer' ? t.offerNotFound : t.orderNotFound;
  return layout(language, title, `<h1>${title}</h1><p>${what === 'offer' ? t.offerNotFoundDetail : t.orderNotFoundDetail}</p>`);
}

/**
 * The form's key names a sale that is not this offer's (order-key.ts): nothing of it is shown. `freshPath`, the offer's
 * page with the ad's parameters, gives a form with a new key.
 */
export function orderKeyTakenPage(language: CheckoutLanguage, freshPath: string): string {
  const t = checkoutMessages[language];
  return layout(language, t.orderKeyTakenTitle, `<h1>${t.orderKeyTakenTitle}</h1><p>${t.orderKeyTakenDetail}</p><p><a href="${escapeHtml(freshPath)}">${t.openOfferAgain}</a></p>`);
}

/**
 * A request that failed on our side. The order form sent: the order was not recorded, and the page before (the form,
 * its fields and hidden tracking parameters kept by the browser) sends it again. Any other page: `retryPath`, the
 * page's own address with its query (the ad's sck), tries again.
 */
export function failedPage(language: CheckoutLanguage, failed: { kind: 'order' } | { kind: 'page'; retryPath: string }): string {
  const t = checkoutMessages[language];
  if (failed.kind === 'order') return layout(language, t.orderNotPlacedTitle, `<h1>${t.orderNotPlacedTitle}</h1><p>${t.orderNotPlacedDetail}</p>`);
  return layout(language, t.failedTitle, `<h1>${t.failedTitle}</h1><p>${t.failedDetail}</p><p><a href="${escapeHtml(failed.retryPath)}">${t.tryAgain}</a></p>`);
}

/** The one stylesheet: readable on a phone, no web fonts. */
export const checkoutCss = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f6fa}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:0 0 .4rem}.product{margin:0;color:#5a6275}.price strong{font-size:1.3rem}
label{display:block;margin:1rem 0 .2rem;font-weight:600}input:not([type=radio]),textarea{display:block;width:100%;padding:.6rem;margin-top:.3rem;font:inherit;font-weight:400;border:1px solid #b8bfcc;border-radius:8px}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}.method{font-weight:400;margin:.4rem 0}
button{margin-top:1.2rem;width:100%;padding:.8rem;font:inherit;font-weight:700;color:#fff;background:#0b6b3a;border:0;border-radius:8px;cursor:pointer}
.error{color:#a4161a;margin:.3rem 0}[aria-invalid=true]{border-color:#a4161a}.status{padding:1rem;border-radius:8px;background:#eef6f0}
.status-waiting_payment{background:#fff6e0}.status-refunded{background:#f3f3f3}.demo{margin-top:1.5rem;padding:1rem;border:1px dashed #b8bfcc;border-radius:8px}
.demo p{margin:0;color:#5a6275}.demo button{background:#3a4a6b}`;

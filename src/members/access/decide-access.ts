// The access rules, as a pure function of a student's facts for one product: no clock, no arrival order. The same
// set of events, in any order and with any repeats, gives the same decision; time only enters when a decision is
// read (accessAt), because "until the paid period ends" is a date, not an event.
//
// - A one-time purchase (no subscriber code) opens on PURCHASE_APPROVED or PURCHASE_COMPLETE and closes for good on
//   PURCHASE_REFUNDED, PURCHASE_CHARGEBACK or PURCHASE_CANCELED, whichever arrived first: a refund that arrives before
//   its approval ends closed, and a late approval after a refund does not open it again (a refund is final in the
//   purchase state machine; a refund *claim*, PURCHASE_PROTEST, is not, and never closes anything).
// - A subscription (one subscriber code, each charge its own transaction) is judged by its latest charge (the highest
//   recurrence_number heard of): paid keeps it open, refunded/charged back/canceled closes it, overdue
//   (PURCHASE_DELAYED) keeps it open for the grace period from the delay, waiting for the payment. A renewal adds a
//   paid charge: access goes on, with no new e-mail. SUBSCRIPTION_CANCELLATION keeps it open until the paid period
//   ends (its date_next_charge), unless a charge was paid after the cancellation (the subscription came back).
// - The product is open while any of the student's purchases or subscriptions of it is.
import { grantEvents } from '../../domain/members-area-events.ts';

export type AccessFact = {
  eventId: string;
  event: string;
  /** When the event happened (its creation_date), epoch ms. */
  occurredAt: number;
  transaction: string | null;
  subscriberCode: string | null;
  recurrenceNumber: number | null;
  dateNextCharge: number | null;
};

export type AccessReason =
  | 'purchased' | 'subscribed' | 'subscription_canceled' | 'payment_overdue'
  | 'refunded' | 'charged_back' | 'canceled' | 'never_paid';

export type Decision = {
  /** live: open (until `until`, when set); closed: it was opened or revoked and is not now; none: never granted. */
  access: 'live' | 'closed' | 'none';
  /** For a live decision, when it ends by itself (epoch ms), or null when only a new event can end it. */
  until: number | null;
  reason: AccessReason;
  /** The events the decision rests on, oldest first. */
  decidedBy: string[];
};

const grants: ReadonlySet<string> = new Set(grantEvents);
const revokeReasons: Readonly<Record<string, AccessReason>> = { PURCHASE_REFUNDED: 'refunded', PURCHASE_CHARGEBACK: 'charged_back', PURCHASE_CANCELED: 'canceled' };
const byTime = (a: AccessFact, b: AccessFact) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId);
const none: Decision = { access: 'none', until: null, reason: 'never_paid', decidedBy: [] };

export function decideAccess(facts: readonly AccessFact[], delayGraceMs: number): Decision {
  const unique = [...new Map(facts.map((fact) => [fact.eventId, fact])).values()].sort(byTime);
  const subscriptions = groupBy(unique.filter((fact) => fact.subscriberCode !== null), (fact) => fact.subscriberCode!);
  const purchases = groupBy(unique.filter((fact) => fact.subscriberCode === null && fact.transaction !== null), (fact) => fact.transaction!);
  const lines = [...[...purchases.values()].map(decidePurchase), ...[...subscriptions.values()].map((line) => decideSubscription(line, delayGraceMs))];
  return combine(lines);
}

/** A decision read at `now`: live past its `until` is closed. */
export function accessAt(decision: Pick<Decision, 'access' | 'until'>, now: number): 'live' | 'closed' | 'none' {
  if (decision.access !== 'live') return decision.access;
  return decision.until === null || now < decision.until ? 'live' : 'closed';
}

function decidePurchase(facts: AccessFact[]): Decision {
  const revoke = facts.find((fact) => fact.event in revokeReasons);
  if (revoke) return { access: 'closed', until: null, reason: revokeReasons[revoke.event]!, decidedBy: [revoke.eventId] };
  const grant = facts.find((fact) => grants.has(fact.event));
  return grant ? { access: 'live', until: null, reason: 'purchased', decidedBy: [grant.eventId] } : none;
}

type Charge = { transaction: string; recurrence: number; facts: AccessFact[] };

function decideSubscription(facts: AccessFact[], delayGraceMs: number): Decision {
  const charges = [...groupBy(facts.filter((fact) => fact.transaction !== null), (fact) => fact.transaction!)].map(([transaction, of]): Charge => ({
    transaction, facts: of, recurrence: Math.max(1, ...of.map((fact) => fact.recurrenceNumber ?? 1)),
  }));
  const paid = charges.filter((charge) => charge.facts.some((fact) => grants.has(fact.event)));
  if (paid.length === 0) return none;
  // the latest charge decides; between two charges of one recurrence (never seen in practice) the later transaction id
  const latest = charges.filter((charge) => charge.facts.some((fact) => grants.has(fact.event) || fact.event in revokeReasons || fact.event === 'PURCHASE_DELAYED'))
    .sort((a, b) => b.recurrence - a.recurrence || b.transaction.localeCompare(a.transaction))[0]!;
  const line = decidePurchase(latest.facts);
  if (line.access === 'closed') return line;
  let decision: Decision = line.access === 'live' ? { ...line, reason: 'subscribed' } : overdue(latest, delayGraceMs);
  const lastPayment = Math.max(...paid.flatMap((charge) => charge.facts.filter((fact) => grants.has(fact.event)).map((fact) => fact.occurredAt)));
  // a cancellation followed by a payment was undone (the subscriber came back)
  const cancellation = facts.filter((fact) => fact.event === 'SUBSCRIPTION_CANCELLATION' && fact.occurredAt >= lastPayment)[0];
  if (cancellation) {
    // the paid period: the cancellation's own date_next_charge, else the latest a paid charge named, else it ends now
    const namedByCharges = Math.max(0, ...paid.flatMap((charge) => charge.facts.map((fact) => fact.dateNextCharge ?? 0)));
    const paidUntil = cancellation.dateNextCharge ?? (namedByCharges > 0 ? namedByCharges : cancellation.occurredAt);
    const until = decision.until === null ? paidUntil : Math.min(decision.until, paidUntil);
    decision = { access: 'live', until, reason: 'subscription_canceled', decidedBy: [...decision.decidedBy, cancellation.eventId] };
  }
  return decision;
}

/** The latest charge is overdue: open for the grace period from the (first) delay notice. */
function overdue(latest: Charge, delayGraceMs: number): Decision {
  const delay = latest.facts.find((fact) => fact.event === 'PURCHASE_DELAYED')!;
  return { access: 'live', until: delay.occurredAt + delayGraceMs, reason: 'payment_overdue', decidedBy: [delay.eventId] };
}

/** Open while any line is open (the one open longest speaks); otherwise the latest closing, else never granted. */
function combine(lines: Decision[]): Decision {
  const live = lines.filter((line) => line.access === 'live');
  const end = (line: Decision) => line.until ?? Infinity;
  if (live.length > 0) return live.reduce((best, line) => (end(line) > end(best) ? line : best));
  return lines.find((line) => line.access === 'closed') ?? none;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

// One accepted notification, in one transaction: stored once (a retry changes nothing), then the student's access to
// that product decided again from all of their facts. When access opens, the student is created (first time: the
// credentials e-mail) or told the course is open; the mail goes through the outbox, so it is sent after the commit
// and retried until it goes.
import { uuidv7 } from 'uuidv7';
import { membersAreaEvents } from '../../domain/members-area-events.ts';
import type { Notification } from '../receive/notification.ts';
import type { Outcome } from '../store/members-records.ts';
import type { MembersStore } from '../store/members-store.ts';
import { accessAt, decideAccess } from './decide-access.ts';
import type { Decision } from './decide-access.ts';

export type ApplyDeps = {
  store: MembersStore;
  /** The product ids this area opens (POSTBACK_MEMBERS_PRODUCTS). */
  products: ReadonlySet<string>;
  delayGraceMs: number;
  clock: () => number;
  /** Called after a commit that queued mail: the outbox sends it now rather than at its next poll. */
  mailQueued: () => void;
};

export type ApplyResult = { kind: 'duplicate' } | { kind: 'stored'; outcome: Outcome; access: Decision['access'] | null };

// events that can move access: the grants, the revokes, the overdue notice, and those that must be recorded because
// the rules name them
const accessEvents: ReadonlySet<string> = new Set([...membersAreaEvents, 'PURCHASE_PROTEST', 'PURCHASE_EXPIRED']);

/** How it came: the exact body (kept for the admin), and whether the sender marked it a test (x-postback-test: 1). */
export type Received = { body: string; test: boolean };

export function applyNotification(deps: ApplyDeps, notification: Notification, received: Received): ApplyResult {
  const now = deps.clock();
  const { body } = received;
  // a test post opens, closes and mails nothing, whatever it names: its sample buyer is nobody who paid
  const outcome = (received.test ? 'ignored_test' : ignoredBecause(notification, deps.products)) ?? 'applied';
  let queued = false;
  const result = deps.store.transaction((): ApplyResult => {
    if (!deps.store.insertEvent({ ...notification, receivedAt: now, outcome, body })) return { kind: 'duplicate' };
    if (outcome !== 'applied') return { kind: 'stored', outcome, access: null };
    const decided = decideAgain(deps, notification as Notification & { email: string; productId: string }, now);
    queued = decided.opened;
    return { kind: 'stored', outcome, access: accessAt(decided.decision, now) };
  });
  if (queued) deps.mailQueued();
  return result;
}

/** Why an accepted notification changes nothing; null when it is applied. Stored either way, for the admin page. */
function ignoredBecause(notification: Notification, products: ReadonlySet<string>): Outcome | null {
  if (!accessEvents.has(notification.event)) return 'ignored_not_access';
  // a product this area does not open (a sender's test post without Postback's marker, say):
  // POSTBACK_MEMBERS_PRODUCTS decides
  if (notification.productId === null || !products.has(notification.productId)) return 'ignored_other_product';
  if (notification.email === null) return 'ignored_no_email';
  return null;
}

function decideAgain(deps: ApplyDeps, notification: Notification & { email: string; productId: string }, now: number): { decision: Decision; opened: boolean } {
  const { store } = deps;
  const { email, productId } = notification;
  const decision = decideAccess(store.factsFor(email, productId), deps.delayGraceMs);
  const before = store.getEnrolment(email, productId);
  const opened = accessAt(decision, now) === 'live' && (before === null || accessAt(before, now) !== 'live');
  const changed = before === null || before.access !== decision.access || before.until !== decision.until || before.reason !== decision.reason;
  store.saveEnrolment({
    ...decision, email, productId, productName: notification.productName ?? before?.productName ?? productId,
    openedAt: opened ? now : before?.openedAt ?? null, changedAt: changed ? now : before.changedAt,
  }, changed);
  if (opened) {
    // e-mail is the key: a student's second product is an enrolment of the same student, told by a shorter mail
    const created = store.createStudent({ email, name: notification.buyerName ?? email, language: notification.language ?? 'pt-BR', createdAt: now });
    store.enqueueMail({ id: uuidv7(), kind: created ? 'credentials' : 'course_opened', email, productId, createdAt: now });
  }
  return { decision, opened };
}

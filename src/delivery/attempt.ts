// One attempt at one leased delivery, in three steps: prepare (render and sign the request) → send → settle (the
// verdict, settle.ts), then the store is told what the verdict says. The dispatcher runs it once per slot it fills;
// nothing here knows about slots, claims or wake-ups.
import type { Logger } from 'pino';
import { V7Generator } from 'uuidv7';
import type { Config } from '../config.ts';
import { conversionVersion } from '../domain/conversion.ts';
import { judgeSustainedFailure } from '../domain/webhook-health.ts';
import { bufferedRandomWords } from '../security/random-words.ts';
import { goneHookReason } from '../store/hooks.ts';
import type { ClaimedDelivery, RecordResult, Store } from '../store/store.ts';
import { describeOwnError } from './classify-failure.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';
import type { HttpClient } from './http-client.ts';
import { refusalReader, skipReasonOf } from './conversion/render-conversion.ts';
import type { ConversionSkip } from './conversion/render-conversion.ts';
import type { RefusalReader } from './conversion/presets.ts';
import { renderRequest } from './render.ts';
import { maskSecrets, maskSecretsInHeaders } from './mask-secrets.ts';
import { maskHeaders, requestHeaders } from './request-headers.ts';
import { send } from './send.ts';
import type { OutboundRequest, SendOutcome } from './send.ts';
import { settle } from './settle.ts';
import type { AttemptOutcome, AttemptResult } from './settle.ts';

/** Attempt ids: a UUIDv7 of the moment the attempt's record is made. */
const attemptIds = new V7Generator(bufferedRandomWords());

export type AttemptConfig = Pick<Config, 'attemptDeadlineMs' | 'maxKeptResponseBytes' | 'maxResponseBytes' | 'retrySchedule' | 'retryJitter' | 'retryAfterMaxMs'
  | 'disableAfterFailures' | 'disableAfterMs' | 'circuitBreakerTimeouts'>;

export type AttemptDeps = {
  store: Pick<Store, 'recordAttempt' | 'releaseLeases' | 'getWebhook'>;
  client: HttpClient;
  config: AttemptConfig;
  logger: Logger;
  clock: () => number;
  random: () => number;
  observer?: Pick<DispatcherObserver, 'recorded'>;
};

/** How an attempt ended: its lease given back unrecorded (we cut it short), or recorded (or found its lease lost). */
export type AttemptEnd = { kind: 'given_back' } | { kind: 'recorded'; recorded: RecordResult };

/**
 * The signed request of one attempt; `headers` are also what its history shows (masked). `secrets`: those it carries
 * (the hottok, an ad network's credentials), masked wherever the receiver's answer echoes them. `sentUrl`: a conversion
 * postback's URL as rendered, with its credentials masked, which its history keeps as the URL the attempt went to (its
 * goal and click id are in it, and its webhook's settings may change after); null: the webhook's URL itself.
 */
export type PreparedRequest = {
  kind: 'request'; request: OutboundRequest; headers: Record<string, string>; secrets: string[]; sentUrl: string | null;
  /** How a conversion's network says no retry can succeed (Meta's Graph API errors); null: every failure is retried. */
  refusalIn: RefusalReader | null;
};
/** A conversion postback that must not go out under its webhook's settings of now (`reason`: no_click_id, ...): no request is made. */
export type NotSent = { kind: 'not_sent'; reason: ConversionSkip };

export type AttemptPipeline = {
  /** Render and sign, or say why not. Throws on our own failures (a template that does not render, secrets that cannot sign). */
  prepare(claimed: ClaimedDelivery, startedAt: number): Promise<PreparedRequest | NotSent>;
  /**
   * The whole attempt; rejects only when the store fails to record it (then its lease expires and it is sent again).
   * `answered` is called when the receiver has accepted the delivery, just before its record is written: the receiver
   * holds no request of it any more. Not for a failure, whose record moves the webhook's health and circuit, which a
   * claim reads to cap a slow webhook.
   */
  run(claimed: ClaimedDelivery, shutdown: AbortSignal, answered?: () => void): Promise<AttemptEnd>;
};

export function attemptPipeline(deps: AttemptDeps): AttemptPipeline {
  const { store, config, logger } = deps;
  const policy = { schedule: config.retrySchedule, jitter: config.retryJitter, retryAfterMaxMs: config.retryAfterMaxMs };
  const limits = { deadlineMs: config.attemptDeadlineMs, maxKeptBytes: config.maxKeptResponseBytes, maxResponseBytes: config.maxResponseBytes };
  const rule = { failures: config.disableAfterFailures, afterMs: config.disableAfterMs };

  async function prepare(claimed: ClaimedDelivery, startedAt: number): Promise<PreparedRequest | NotSent> {
    const { delivery, event, webhook } = claimed;
    // a postback's template is read with its webhook at each attempt (a claim carries only the URL): postbacks are few
    const postback = delivery.version === conversionVersion ? (await store.getWebhook(event.accountId, webhook.id))?.postback ?? null : null;
    // fan-out's click-id rule again, under the settings this attempt renders with (a retry waiting while the owner changed
    // click_id_from): fails closed, a postback without its click id is attributed to nobody; and the network's age limit
    // at this attempt (a recovery a week after the sale), which its network would refuse whatever we send
    const skipReason = postback ? skipReasonOf(event, postback, startedAt) : null;
    if (skipReason !== null) return { kind: 'not_sent', reason: skipReason };
    const rendered = renderRequest(event, delivery, claimed.hottok, { url: webhook.url, postback });
    const headers = requestHeaders({ messageId: event.id, body: rendered.body, contentType: rendered.contentType, secrets: webhook.secrets, hottok: rendered.hottok, timestampSeconds: Math.floor(startedAt / 1000), test: event.isTest });
    const secrets = [claimed.hottok, ...Object.values(postback?.secrets ?? {})];
    const sentUrl = postback ? maskSecrets(rendered.url, secrets) : null;
    return { kind: 'request', request: { method: rendered.method, url: rendered.url, headers, body: rendered.body }, headers, secrets, sentUrl, refusalIn: postback ? refusalReader(postback) : null };
  }

  /** Prepare and send. Whatever throws here is ours, and becomes an internal_error outcome (see AttemptOutcome). */
  async function prepareAndSend(claimed: ClaimedDelivery, startedAt: number, shutdown: AbortSignal): Promise<{ kind: 'sent'; outcome: AttemptOutcome } & Omit<PreparedRequest, 'kind' | 'request' | 'refusalIn'> | NotSent> {
    const started = performance.now();
    let headers: Record<string, string> = {};
    let secrets: string[] = [claimed.hottok];
    try {
      const prepared = await prepare(claimed, startedAt);
      if (prepared.kind === 'not_sent') return prepared;
      ({ headers, secrets } = prepared);
      const sent = await send(deps.client, prepared.request, limits, shutdown);
      return { kind: 'sent', outcome: refusedOr(sent, prepared.refusalIn, secrets), headers, secrets, sentUrl: prepared.sentUrl };
    } catch (error) {
      // the stack goes to the log (for us); the history keeps the message (for the owner)
      logger.error({ err: error, delivery: claimed.delivery.id, webhook: claimed.webhook.id }, 'an attempt failed inside Postback; recorded as internal_error');
      return { kind: 'sent', outcome: { kind: 'internal_error', detail: describeOwnError(error), durationMs: performance.now() - started }, headers, secrets, sentUrl: null };
    }
  }

  async function run(claimed: ClaimedDelivery, shutdown: AbortSignal, answered?: () => void): Promise<AttemptEnd> {
    const { delivery, webhook, leaseToken } = claimed;
    const startedAt = deps.clock();
    const attempted = await prepareAndSend(claimed, startedAt, shutdown);
    if (attempted.kind === 'not_sent') return recordNotSent(claimed, startedAt, attempted.reason);
    const { outcome, headers, secrets, sentUrl } = attempted;
    const now = deps.clock();
    const verdict = settle(policy, { outcome, url: webhook.url, attemptsDone: delivery.cycleAttempts + 1, maxAttempts: delivery.maxAttempts, now }, deps.random);
    switch (verdict.kind) {
      case 'give_back':
        await store.releaseLeases([{ deliveryId: delivery.id, leaseToken }]);
        return { kind: 'given_back' };
      case 'record': {
        if (verdict.settlement.kind === 'delivered') answered?.();
        const { responseBody, responseHeaders } = verdict.result;
        const recorded = await store.recordAttempt(delivery.id, leaseToken, {
          id: attemptIds.generate().toString(), number: delivery.attemptCount + 1, startedAt, requestHeaders: maskHeaders(headers), ...verdict.result,
          // a postback's rendered URL is recorded; its template is still what tells whether the webhook's URL moved
          webhookUrl: sentUrl ?? webhook.url, templateUrl: sentUrl === null ? undefined : webhook.url,
          // an echoing receiver's answer carries what we sent: kept with the secrets masked, as the request is
          responseBody: maskSecrets(responseBody, secrets), responseHeaders: maskSecretsInHeaders(responseHeaders, secrets),
        }, verdict.settlement, (health) => verdict.disableReason ?? judgeSustainedFailure(rule, health, now), now, config.circuitBreakerTimeouts);
        return reported(claimed, verdict.result, recorded, now);
      }
    }
  }

  /**
   * An attempt that sent nothing, recorded with `reason` as its error and no URL (it went nowhere). It ends the delivery
   * (failed: its next attempts would find nothing to send either; once the settings find a click id, a resend sends it)
   * and is neutral: the network was not asked, so its webhook's health and circuit are not moved.
   */
  async function recordNotSent(claimed: ClaimedDelivery, startedAt: number, reason: ConversionSkip): Promise<AttemptEnd> {
    const now = deps.clock();
    const result = { statusCode: null, error: reason, errorDetail: null, responseHeaders: {}, responseBody: '', durationMs: 0 };
    const recorded = await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, {
      id: attemptIds.generate().toString(), number: claimed.delivery.attemptCount + 1, startedAt, requestHeaders: {}, ...result,
    }, { kind: 'failed', neutral: true }, () => null, now, config.circuitBreakerTimeouts);
    return reported(claimed, result, recorded, now);
  }

  function reported(claimed: ClaimedDelivery, result: AttemptResult, recorded: RecordResult, now: number): AttemptEnd {
    deps.observer?.recorded({ claimed, result, recorded, now });
    logRecorded(claimed, recorded);
    return { kind: 'recorded', recorded };
  }

  function logRecorded(claimed: ClaimedDelivery, recorded: RecordResult): void {
    if (recorded.kind === 'lease_lost') {
      logger.warn({ delivery: claimed.delivery.id }, 'lease expired before the attempt was recorded; another worker owns this delivery');
      return;
    }
    // a REST hook whose target answered 410 is deleted, not disabled: its tool unsubscribed (a Zap turned off), which
    // is routine, so info; anything else disabled is loud on purpose: it can cut buyers off from what they paid for
    if (recorded.disabledReason === goneHookReason) logger.info({ webhook: claimed.webhook.id, reason: recorded.disabledReason }, 'REST hook unsubscribed: its target answered 410 Gone, so the hook was deleted');
    else if (recorded.disabledReason) logger.error({ webhook: claimed.webhook.id, reason: recorded.disabledReason }, 'webhook disabled automatically');
    if (recorded.circuitOpened) {
      logger.warn({ webhook: claimed.webhook.id, timeouts: config.circuitBreakerTimeouts }, 'webhook circuit opened: its receiver timed out again and again; one attempt at a time until one succeeds');
    }
  }

  return { prepare, run };
}

/** The answer as its network's refusal for good, when its reader finds one (with our secrets masked, as the answer is); else the outcome as sent. */
function refusedOr(outcome: SendOutcome, refusalIn: RefusalReader | null, secrets: string[]): AttemptOutcome {
  if (refusalIn === null || outcome.kind !== 'response') return outcome;
  const reason = refusalIn(outcome.response);
  return reason === null ? outcome : { kind: 'refused', response: outcome.response, reason: maskSecrets(reason, secrets) };
}

// The dispatcher's figures as Prometheus series, heard through its observer seam (../delivery/dispatcher-observer.ts).
// Labels are closed sets (outcomes, causes, status classes): no account, webhook or URL ever becomes a label, so
// the number of series stays the same with 10 accounts or 10,000.
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { DispatcherObserver, RecordedAttempt } from '../delivery/dispatcher-observer.ts';
import { goneHookReason } from '../store/hooks.ts';

/** Seconds: an attempt is bounded by POSTBACK_ATTEMPT_DEADLINE (15 s by default). */
const attemptBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
/** Seconds from publish to delivered: milliseconds when healthy, up to the retry schedule's hours when not. */
const latencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 7200, 86_400];

/** The attempt's cause as a bounded label: a named network error, an HTTP status class, or none when delivered. */
export function causeLabel(result: RecordedAttempt['result']): string {
  if (result.error !== null) return /^[a-z_]{1,32}$/.test(result.error) ? result.error : 'other';
  if (result.statusCode === null) return 'other';
  if (result.statusCode >= 200 && result.statusCode < 300) return 'none';
  // 410 and 429 mean something of their own (disable; slow down), so they keep their code
  if (result.statusCode === 410 || result.statusCode === 429) return `http_${result.statusCode}`;
  return `http_${Math.floor(result.statusCode / 100)}xx`;
}

function outcomeLabel({ recorded, result }: RecordedAttempt): string {
  if (recorded.kind === 'lease_lost') return 'lease_lost';
  if (recorded.status === 'pending') return 'retrying';
  // a retry cut short because its webhook was disabled meanwhile ends skipped; a success is never skipped
  return result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300 ? 'delivered' : recorded.status;
}

export function deliveryMetrics(registry: Registry): Omit<DispatcherObserver, 'turned'> {
  const registers = [registry];
  const attempts = new Counter({ name: 'postback_delivery_attempts_total', help: 'Delivery attempts recorded, by what became of the delivery (delivered, retrying, failed, skipped, lease_lost) and the cause (none, http_4xx, http_5xx, http_410, http_429, timeout, refused, dns, ...)', labelNames: ['outcome', 'cause'], registers });
  const duration = new Histogram({ name: 'postback_attempt_duration_seconds', help: 'Time one attempt took, connect to the end of the response (or the error), by whether the receiver took it', labelNames: ['result'], buckets: attemptBuckets, registers });
  const latency = new Histogram({ name: 'postback_delivery_latency_seconds', help: 'From the event\'s publish to its delivery\'s successful attempt, retries included (a manual resend counts from the original publish); test sends excluded', buckets: latencyBuckets, registers });
  const claims = new Counter({ name: 'postback_claims_total', help: 'Claims the dispatchers of this process made, empty ones included', registers });
  const claimed = new Counter({ name: 'postback_claimed_deliveries_total', help: 'Deliveries taken by this process\'s dispatcher, by a claim or adopted at publish (via=hand_off)', labelNames: ['via'], registers });
  const disabled = new Counter({ name: 'postback_webhooks_disabled_total', help: 'Webhooks disabled automatically (410 Gone, a host that does not exist, sustained failure); REST hooks unsubscribed by a 410 are counted apart', registers });
  // a tool's target answering 410 is how Zapier says a Zap was turned off: routine, not a receiver failing (an alert
  // on disables must not fire for it)
  const unsubscribed = new Counter({ name: 'postback_hooks_unsubscribed_total', help: 'REST hooks deleted because their target answered 410 Gone (a Zap or workflow turned off)', registers });
  for (const via of ['claim', 'hand_off']) claimed.inc({ via }, 0);
  disabled.inc(0);
  unsubscribed.inc(0);
  return {
    claimed(count, via) {
      if (via === 'claim') claims.inc();
      claimed.inc({ via }, count);
    },
    recorded(attempt) {
      const outcome = outcomeLabel(attempt);
      attempts.inc({ outcome, cause: causeLabel(attempt.result) });
      duration.observe({ result: outcome === 'delivered' ? 'success' : 'failure' }, attempt.result.durationMs / 1000);
      if (outcome === 'delivered' && !attempt.claimed.event.isTest) latency.observe(Math.max(0, attempt.now - attempt.claimed.event.createdAt) / 1000);
      if (attempt.recorded.kind === 'recorded' && attempt.recorded.disabledReason !== null) (attempt.recorded.disabledReason === goneHookReason ? unsubscribed : disabled).inc();
    },
  };
}

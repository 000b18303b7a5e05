// Response schemas of the health and overview routes (routes/stats.ts): counted by the database, shaped for charts
// (every hour of the window present, empty ones as zeros). Like responses.ts: loose objects, checked before sending.
import { z } from 'zod';
import { deliveryStatuses } from '../store/store.ts';
import { object, time } from './responses.ts';

const count = z.number().int();
const outcomes = {
  delivered: count, failed: count,
  not_sent: count.meta({ description: 'Skipped: the configuration was disabled, or there was nothing to send' }),
  pending: count.meta({ description: 'Waiting for an attempt or a retry' }),
};
const hourOutcomes = object({ hour: time.meta({ description: 'The start of the hour' }), ...outcomes });
const windowCounts = object({ ...outcomes, success_rate: z.number().nullable().meta({ description: 'delivered / (delivered + failed), 0 to 1; null when nothing settled' }) });

export const webhookStatsResponse = object({
  generated_at: time,
  items: z.array(object({
    webhook_id: z.string(),
    last: object({ at: time, status: z.enum(deliveryStatuses), status_code: z.number().int().nullable(), error: z.string().nullable() }).nullable().meta({ description: 'The latest delivery' }),
    last_24h: windowCounts,
    last_7d: windowCounts,
    waiting_retry: count.meta({ description: 'Deliveries that failed an attempt and wait for the next one' }),
    hourly: z.array(hourOutcomes).meta({ description: 'The last 24 hours, oldest first' }),
  })),
});

export const overviewResponse = object({
  from: time,
  to: time,
  hourly: z.array(hourOutcomes).meta({ description: 'Deliveries per hour by outcome, oldest first' }),
  latency: object({ count, p50_ms: z.number().nullable(), p95_ms: z.number().nullable() }).meta({ description: 'Publish to delivered, over the deliveries delivered in the window' }),
  slowest: z.array(object({ webhook_id: z.string(), delivered: count, mean_ms: z.number(), p95_ms: z.number() })),
  failing: z.array(object({ webhook_id: z.string(), failed: count, total: count, failure_rate: z.number() })),
});

// Request schemas of the REST-hooks API (zod), built from the webhooks' own field schemas.
import { z } from 'zod';
import { hookTriggers } from '../hooks/triggers.ts';
import { webhookFields } from './schemas.ts';

const trigger = z.enum(hookTriggers, {
  error: (issue) => `unknown trigger "${String(issue.input)}"; expected order, cart_abandonment, plan_change, subscription_cancellation or an event name from GET /api/v1/catalog`,
});

export const createHookBody = z.strictObject({
  target_url: webhookFields.url,
  event: trigger,
  products: webhookFields.products.default('all'),
  name: webhookFields.name.optional(),
});

export const hookSamplesParams = z.object({ trigger });
export const hookSamplesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(10).default(3) });

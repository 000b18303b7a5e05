// The fan-out most store tests need: each sale to every webhook of its account, pending, up to 5 attempts.
import type { FanOut } from '../../src/store/store.ts';

export const toEveryWebhook: FanOut = (routes) => routes.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending' as const }));

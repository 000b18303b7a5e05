// Examples taken from the catalogue, so the reference pages show (and the examples test sends) real event data.
import { eventNames, sampleData } from '../../catalog/index.ts';
import type { RouteExample } from './route-schema.ts';

/** One example per catalogue event, its body built from the event's name and sample data. */
export function perEvent(build: (event: (typeof eventNames)[number], data: Record<string, unknown>) => unknown): RouteExample[] {
  return eventNames.map((event) => ({ name: event, summary: event, body: build(event, sampleData(event)) }));
}

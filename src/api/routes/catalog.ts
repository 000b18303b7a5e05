// GET /api/v1/catalog: every event, its fields (name, description, format, size, sent to affiliates), its 1.0.0 form
// fields (name, description, source, format, required) and a sample.
import { z } from 'zod';
import { describeCatalog, formatVersions, isEventName } from '../../catalog/index.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { catalogEvent, catalogResponse } from '../responses.ts';

const tags = ['Catalogue'];
// any text: an unknown name is a 404 naming the list, not a 422
const eventParams = z.object({ event: z.string().max(100).meta({ description: 'An event name, e.g. PURCHASE_APPROVED' }) });

export function catalogRoutes(): ZodRoutes {
  return async (app) => {
    const catalog = describeCatalog();
    app.get('/catalog', { schema: { summary: 'Every event: its fields per format version, what affiliates get, samples', tags, response: { 200: catalogResponse } } }, async () => ({ versions: [...formatVersions], events: catalog }));
    app.get('/catalog/:event', { schema: {
      summary: 'One event of the catalogue', tags, params: eventParams, response: { 200: catalogEvent }, errors: ['not_found'],
      examples: [{ name: 'approved', summary: 'PURCHASE_APPROVED', params: { event: 'PURCHASE_APPROVED' } }],
    } }, async (request) => {
      const found = isEventName(request.params.event) ? catalog.find((entry) => entry.name === request.params.event) : undefined;
      if (!found) throw problem('not_found', `No event "${request.params.event}" in the catalogue; GET /api/v1/catalog lists them.`);
      return found;
    });
  };
}

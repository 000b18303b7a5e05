// GET /api/v1/catalog: every event, its fields (name, description, format, size, sent to affiliates), its 1.0.0 form
// fields (name, description, source, format, required) and a sample.
import type { FastifyPluginAsync } from 'fastify';
import { describeCatalog, formatVersions, isEventName } from '../../catalog/index.ts';
import { problem } from '../problems.ts';

export function catalogRoutes(): FastifyPluginAsync {
  return async (app) => {
    const catalog = describeCatalog();
    app.get('/catalog', async () => ({ versions: formatVersions, events: catalog }));
    app.get<{ Params: { event: string } }>('/catalog/:event', async (request) => {
      const found = isEventName(request.params.event) ? catalog.find((entry) => entry.name === request.params.event) : undefined;
      if (!found) throw problem('not_found', `No event "${request.params.event}" in the catalogue; GET /api/v1/catalog lists them.`);
      return found;
    });
  };
}

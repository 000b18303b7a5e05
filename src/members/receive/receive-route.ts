// POST / : where Postback (or Hotmart) sends the product's notifications, in either format. Who sent it is checked
// first (hottok, then the signature when a secret is set): a stranger gets 401 and nothing is stored. A retry of a
// stored event is answered 200 and changes nothing. A test post (x-postback-test: 1) is stored and answered, and
// changes nothing either.
import type { FastifyPluginAsync } from 'fastify';
import { testHeader } from '../../delivery/request-headers.ts';
import { applyNotification } from '../access/apply-notification.ts';
import type { ApplyDeps } from '../access/apply-notification.ts';
import type { MembersConfig } from '../members-config.ts';
import { problemReply } from '../problem-reply.ts';
import { instantOrNull } from './notification.ts';
import { parseFormNotification, parseJsonNotification } from './parse-notification.ts';
import type { Parsed } from './parse-notification.ts';
import { checkSignature, sameSecret } from './verify-sender.ts';

export type ReceiveDeps = ApplyDeps & { config: Pick<MembersConfig, 'hottok' | 'signingSecret' | 'signatureToleranceMs'> };

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function receiveRoutes(deps: ReceiveDeps): FastifyPluginAsync {
  return async (app) => {
    app.post('/', async (request, reply) => {
      const raw = request.rawBody ?? '';
      const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const form = isForm ? new URLSearchParams(raw) : null;
      const json = isForm ? null : request.body as Record<string, unknown> | null;
      if (!isForm && (typeof json !== 'object' || json === null || Array.isArray(json))) return problemReply(reply, 400, 'Bad request', 'Expected a JSON object (2.0.0) or a form (1.0.0).');
      // the header is Postback's and Hotmart's; the body field is how Hotmart's test posts and the 1.0.0 form carry it
      const hottok = header(request.headers['x-hotmart-hottok']) ?? (form ? form.get('hottok') : typeof json?.hottok === 'string' ? json.hottok : null);
      if (hottok === null || !sameSecret(hottok, deps.config.hottok)) return problemReply(reply, 401, 'Unauthorized', 'Missing or wrong hottok: set POSTBACK_MEMBERS_HOTTOK to your Postback account\'s hottok.');
      if (deps.config.signingSecret !== '') {
        const signature = checkSignature(deps.config.signingSecret, request.headers, raw, deps.clock(), deps.config.signatureToleranceMs);
        if (!signature.ok) return problemReply(reply, 401, 'Unauthorized', `Bad Standard Webhooks signature: ${signature.reason}.`);
      }
      const webhookId = header(request.headers['webhook-id']);
      const timestamp = Number(header(request.headers['webhook-timestamp']));
      const parsed: Parsed = form ? parseFormNotification(form, webhookId, timestamp > 0 ? instantOrNull(timestamp * 1000) : null, deps.clock())
        : parseJsonNotification(json!, webhookId, deps.clock());
      if (!parsed.ok) return problemReply(reply, 400, 'Bad request', parsed.problem);
      // read only once the sender is ours: Postback's test marker, on "Send test" and the set-up button's test post
      const result = applyNotification(deps, parsed.notification, { body: raw, test: header(request.headers[testHeader]) === '1' });
      return reply.code(200).send(result.kind === 'duplicate' ? { received: true, duplicate: true } : { received: true, duplicate: false, outcome: result.outcome, access: result.access });
    });
  };
}

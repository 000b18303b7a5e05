// The problem+json answers of a route, grouped by status: those its security and its validated parts can raise,
// plus the ones it names itself. The body schema is the one Problem.body() builds (../problems.ts).
import { z } from 'zod';
import { problemCatalogue } from '../problems.ts';
import type { ProblemCode } from '../problems.ts';
import type { RouteSecurity } from './route-schema.ts';

export const problemBody = z.object({
  type: z.string().meta({ description: 'https://postback.dev/problems/<code>' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().meta({ description: 'What was wrong and what to do' }),
  code: z.enum(Object.keys(problemCatalogue) as [ProblemCode, ...ProblemCode[]]),
  instance: z.string(),
  errors: z.array(z.object({ path: z.string().meta({ description: 'e.g. body.url' }), message: z.string() })).optional()
    .meta({ description: 'Each bad field (validation_failed)' }),
}).meta({ description: 'RFC 9457 problem details' });

type Parts = { body: boolean; validated: boolean; security: RouteSecurity; method: string; rateLimited: boolean };

/** Which problem codes a route can answer with, by what it is. */
export function problemCodesOf(parts: Parts, own: readonly ProblemCode[]): ProblemCode[] {
  const codes = new Set<ProblemCode>(own);
  if (parts.body) for (const code of ['malformed_json', 'unsupported_media_type', 'payload_too_large'] as const) codes.add(code);
  if (parts.validated) codes.add('validation_failed');
  if (parts.security === 'account') {
    // every account route reads its caller's token or session from the store, which may not answer (503)
    codes.add('unauthorized'); codes.add('store_unavailable');
    // only a change made with the dashboard's cookie needs the CSRF header; a change is refused to a role below
    // the one it needs (src/api/roles.ts: a viewer changes nothing, a developer neither credentials nor the team)
    if (parts.method !== 'GET') { codes.add('csrf_failed'); codes.add('forbidden'); }
  }
  if (parts.security === 'metrics') codes.add('unauthorized');
  if (parts.rateLimited && parts.security === 'account') codes.add('rate_limited');
  codes.add('internal');
  return [...codes];
}

/** OpenAPI responses for these codes: one per status, listing the codes it stands for. */
export function problemResponses(codes: ProblemCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const status = problemCatalogue[code].status;
    byStatus.set(status, [...byStatus.get(status) ?? [], code]);
  }
  return Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([status, list]) => [String(status), {
    description: list.map((code) => `\`${code}\`: ${problemCatalogue[code].title}`).join('; '),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }]));
}

// What a conversion postback's attempts sent, read back from the history: each attempt records the URL it went to
// (delivery/attempt.ts), rendered under its webhook's settings of that moment, which the owner may have changed since.
// Pure.
import type { Attempt } from '../../store/store.ts';
import type { MacroName } from './macros.ts';
import { macrosIn } from './template.ts';

/**
 * The URL the latest attempt that went out was sent to, or null: none went out (never attempted, or only attempts
 * that sent nothing), or those that did were recorded before the rendered URL was kept (they hold the template).
 */
export function lastSentUrl(attempts: readonly Pick<Attempt, 'webhookUrl'>[]): string | null {
  for (let index = attempts.length - 1; index >= 0; index--) {
    const url = attempts[index]!.webhookUrl;
    // a rendered value never holds a brace (each is URL-encoded), so a URL with a {macro} left is a template
    if (url !== undefined) return macrosIn(url).length === 0 ? url : null;
  }
  return null;
}

/**
 * The value of `macro` in a sent URL, read through the template's own parameter name for it (MGID's `c` for the
 * click id, `e` for the goal); undefined when the template does not put that macro alone in its query (a path, a
 * JSON body: only the URL is recorded), null when the sent URL lacks that parameter (the template has changed since).
 */
export function sentValue(sentUrl: string, template: string, macro: MacroName): string | null | undefined {
  try {
    const name = [...new URL(template).searchParams].find(([, value]) => value === `{${macro}}`)?.[0];
    return name === undefined ? undefined : new URL(sentUrl).searchParams.get(name);
  } catch {
    // fails open: a URL that does not parse (none should: both were checked when saved or sent) tells nothing
    return undefined;
  }
}

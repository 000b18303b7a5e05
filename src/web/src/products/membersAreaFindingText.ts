// What each finding of the members-area check says on screen, and what to do about it, in the user's language. The
// API's own `detail` and `fix` are English for developers; the screen words each finding from its reason and facts.
import type { MembersAreaFinding } from '../api/types.ts';
import type { Translate } from '../i18n/useT.ts';

export type FindingText = { what: string; fix: string | null };

export function findingText(t: Translate, finding: MembersAreaFinding): FindingText {
  const facts = finding.facts;
  const text = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
  const name = text(facts.webhook_name);
  switch (finding.reason) {
    case 'answered': return { what: t('membersArea.https.answered', { url: text(facts.url), status: text(facts.status) }), fix: null };
    case 'not_https': return { what: t('membersArea.https.notHttps', { url: text(facts.url) }), fix: t('membersArea.https.notHttpsFix') };
    case 'unreachable_tls': return { what: t('membersArea.https.tls', { url: text(facts.url) }), fix: t('membersArea.https.tlsFix') };
    case 'unreachable_dns': case 'unreachable_dns_not_found': return { what: t('membersArea.https.dns', { url: text(facts.url) }), fix: t('membersArea.https.dnsFix') };
    case 'unreachable_blocked_address': return { what: t('membersArea.https.blocked', { url: text(facts.url) }), fix: t('membersArea.https.blockedFix') };
    case 'covered': return { what: t('membersArea.webhook.covered', { name }), fix: null };
    case 'missing': return { what: t('membersArea.webhook.missing'), fix: t('membersArea.webhook.missingFix') };
    case 'disabled': return { what: t('membersArea.webhook.disabled', { name }), fix: t('membersArea.webhook.disabledFix') };
    case 'other_products': return { what: t('membersArea.webhook.otherProducts', { name }), fix: t('membersArea.webhook.otherProductsFix') };
    case 'missing_events': return { what: t('membersArea.webhook.missingEvents', { name, events: text(facts.missing) }), fix: t('membersArea.webhook.missingEventsFix') };
    case 'answered_2xx': return { what: t('membersArea.test.passed', { status: text(facts.status) }), fix: null };
    case 'no_webhook': return { what: t('membersArea.test.noWebhook'), fix: t('membersArea.test.noWebhookFix') };
    case 'never_sent': return { what: t('membersArea.test.never'), fix: t('membersArea.test.neverFix') };
    case 'in_flight': return { what: t('membersArea.test.inFlight'), fix: null };
    case 'failed': return { what: t('membersArea.test.failed', { outcome: text(facts.outcome) }), fix: t('membersArea.test.failedFix') };
  }
  // any other unreachable_* cause (refused, timeout, reset...): the area is not answering
  return { what: t('membersArea.https.down', { url: text(facts.url), cause: text(facts.cause) }), fix: t('membersArea.https.downFix') };
}

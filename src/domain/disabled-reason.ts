// Why a webhook was disabled. The store keeps it as English text (logged, and served by the API as disabled_reason);
// the e-mails and the dashboard read it back here into facts that they say in the reader's language. This file both
// writes and reads it, so the two cannot drift apart.

export const ownerDisabled = 'disabled by the owner';
export const goneDisabled = 'the receiver answered 410 Gone';
export const dnsDisabled = (host: string): string => `the host of ${host} does not exist (DNS)`;
export const streakDisabled = (failures: number, sinceMs: number): string =>
  `failed ${failures} attempts in a row since ${new Date(sinceMs).toISOString()} with no success`;

export type DisabledReason =
  | { kind: 'owner' }
  | { kind: 'gone' }
  | { kind: 'dns'; host: string }
  | { kind: 'failing'; failures: number; since: string }
  /** Recorded by an older version, or a reason this file does not make: shown as it was recorded. */
  | { kind: 'other'; text: string };

export function readDisabledReason(reason: string): DisabledReason {
  if (reason === ownerDisabled) return { kind: 'owner' };
  if (reason === goneDisabled) return { kind: 'gone' };
  const dns = /^the host of (.+) does not exist \(DNS\)$/.exec(reason);
  if (dns) return { kind: 'dns', host: dns[1]! };
  const streak = /^failed (\d+) attempts in a row since (\S+)/.exec(reason);
  if (streak) return { kind: 'failing', failures: Number(streak[1]), since: streak[2]! };
  return { kind: 'other', text: reason };
}

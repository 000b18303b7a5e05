// How times, durations and results read on screen.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

const thisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** Compact, for tables: the year only when it is not this one. */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.getFullYear() === new Date().getFullYear() ? thisYear.format(date) : dateTime.format(date);
}

/** "in 30 s", "in 5 min", "now" for a time in the future. */
export function formatIn(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  if (ms <= 1000) return 'now';
  if (ms < 60_000) return `in ${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `in ${Math.round(ms / 60_000)} min`;
  return `in ${(ms / 3_600_000).toFixed(1)} h`;
}

const errorNames: Record<string, string> = {
  timeout: 'Timed out',
  dns: 'Host not found',
  refused: 'Connection refused',
  reset: 'Connection reset',
  tls: 'TLS error',
  blocked_address: 'Blocked address',
  too_large: 'Response too large',
};

/** What a result cell says: the HTTP code when there was a response, else the named network error. */
export function resultLabel(statusCode: number | null, error: string | null): string {
  if (statusCode !== null) return `HTTP ${statusCode}`;
  if (error) return errorNames[error] ?? error.replaceAll('_', ' ');
  return 'No attempt yet';
}

/** <input type="datetime-local"> value (local time) ↔ ISO-8601 instant. */
export function toLocalInput(iso: string | number): string {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// LISTEN/NOTIFY: wakes idle dispatchers in every process when deliveries become due (publish, resend, recover,
// released leases). A notification is a hint only: the claim query is the truth, and a dispatcher that hears
// nothing still polls every POSTBACK_POLL_INTERVAL. So every failure here fails open to polling.
import pg from 'pg';

const channel = 'postback_due';

/**
 * Sends "deliveries are due" after the caller's commit, at most once per `windowMs` per process (plus one at the
 * end of a busy window, so the last commit is always announced). Why not pg_notify inside each transaction:
 * PostgreSQL serializes the commits of notifying transactions database-wide, and measured here it added 2.3 ms to
 * every commit; at hundreds of publishes a second that lock, not the work, would set the pace. A coalesced hint
 * costs one tiny statement per window and at most `windowMs` of extra latency to a worker in another process.
 */
export function createDueNotifier(pool: pg.Pool, windowMs = 20): { poke(): void; close(): void } {
  let lastSentAt = -Infinity;
  let trailing: NodeJS.Timeout | null = null;
  let closed = false;
  // fails open: a lost notification only means other processes find the work at their next poll
  const send = () => { lastSentAt = Date.now(); pool.query(`SELECT pg_notify('${channel}', '')`).catch(() => {}); };
  return {
    poke() {
      if (closed || trailing !== null) return;
      const wait = lastSentAt + windowMs - Date.now();
      if (wait <= 0) { send(); return; }
      trailing = setTimeout(() => { trailing = null; if (!closed) send(); }, wait);
      trailing.unref();
    },
    close() {
      closed = true;
      if (trailing !== null) clearTimeout(trailing);
    },
  };
}

export type DueListener = {
  /** Calls `listener` on every notification; returns the unsubscribe function. */
  onDue(listener: () => void): () => void;
  close(): Promise<void>;
};

/**
 * One dedicated connection (outside the pool: LISTEN belongs to a session) opened when the first listener
 * subscribes. A lost connection is reopened with a growing delay (1 s to 30 s); meanwhile dispatchers poll.
 */
export function createDueListener(url: string, onError: (error: Error) => void = () => {}): DueListener {
  const listeners = new Set<() => void>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;

  const fire = () => { for (const listener of [...listeners]) listener(); };

  const scheduleReconnect = () => {
    if (closed || retryTimer !== null || listeners.size === 0) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
    retryTimer = setTimeout(() => { retryTimer = null; void connect(); }, delay);
    retryTimer.unref();
  };

  const connect = (): Promise<void> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 10_000 });
      // fails open: a broken LISTEN connection only costs latency (dispatchers poll), so it is replaced, never fatal
      const lost = (error?: Error) => {
        if (client !== next) return;
        client = null;
        failures++;
        if (error && !closed) onError(error);
        next.end().catch(() => {});
        scheduleReconnect();
      };
      next.on('error', lost);
      next.on('end', () => lost());
      next.on('notification', (message) => { if (message.channel === channel) fire(); });
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
        if (closed) { await next.end().catch(() => {}); return; }
        client = next;
        failures = 0;
        // anything published while we were not listening went unheard: look once now
        fire();
      } catch (error) {
        next.end().catch(() => {});
        failures++;
        if (!closed) onError(error as Error);
        scheduleReconnect();
      }
    })().finally(() => { connecting = null; });
    return connecting;
  };

  return {
    onDue(listener) {
      listeners.add(listener);
      if (client === null && connecting === null && retryTimer === null && !closed) void connect();
      return () => { listeners.delete(listener); };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (retryTimer !== null) clearTimeout(retryTimer);
      await connecting;
      const open = client;
      client = null;
      await open?.end().catch(() => {});
    },
  };
}

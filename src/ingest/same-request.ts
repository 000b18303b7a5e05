// Whether a publish that reuses an event id or idempotency key asks for the event already stored. The bytes are
// compared first (the store's request hash); when they differ, the request's meaning is: the same event name, id,
// creation date and data, whatever the key order, whitespace or number spelling (a client whose JSON library orders
// keys differently on its retry is retrying, not publishing something else).
import { isDeepStrictEqual } from 'node:util';
import type { NewEvent, StoredEvent } from '../domain/event.ts';

/** `asked`: what the request named itself; an id or creation date it left out was chosen by the server the first time. */
export function asksForStoredEvent(stored: StoredEvent, prepared: NewEvent, asked: { id?: string | undefined; creationDate?: number | undefined }): boolean {
  return stored.event === prepared.event
    && (asked.id === undefined || asked.id === stored.id)
    && (asked.creationDate === undefined || asked.creationDate === stored.creationDate)
    && isDeepStrictEqual(JSON.parse(stored.data), JSON.parse(prepared.data));
}

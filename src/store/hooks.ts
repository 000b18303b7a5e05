// The REST-hooks contract (src/api/routes/hooks.ts): a hook is a webhook row with its trigger in `hookTrigger`, so
// creating, listing and deleting one go through the webhook calls; what hooks add is reading an account's latest
// events, for the samples an automation tool shows while its user sets a trigger up. Takes the account id, like
// every Store read.
import type { AccountId } from '../domain/ids.ts';
import type { StoredEvent } from '../domain/event.ts';

export type HooksStore = {
  /** The account's latest events named in `events`, newest first (ties by id), at most `limit`; test sends left out. */
  latestEvents(accountId: AccountId, events: readonly string[], limit: number): Promise<StoredEvent[]>;
};

/** Why a hook went away, as the dispatcher's record step reports it (its target answered 410 Gone). */
export const goneHookReason = 'the REST hook was deleted: its target answered 410 Gone';

// Who asks for a change that creates or changes access to an account (its credentials, its team), and how that
// change answers when the caller was cut off while it ran. The route checks the caller as the request comes in; a
// rotation, a sign-out, a removal or a demotion may commit before the change does. So the change checks the caller
// again in its own transaction (one helper per store: sqlite/caller-check.ts, postgres/caller-check.ts), and a
// caller cut off meanwhile changes nothing.

/** The hash of the access token the caller sent, or of its dashboard session. */
export type CredentialHolder = { accessTokenHash: string } | { sessionTokenHash: string };

/**
 * A change refused because its caller no longer held its credential when the change's transaction checked it:
 * `notOwner` when its session still holds but its user is no owner any more (demoted meanwhile: still signed in, no
 * longer allowed), else the token or session itself is gone (revoked, signed out, removed, expired).
 */
export type CallerRevoked = { kind: 'caller_revoked'; notOwner: boolean };

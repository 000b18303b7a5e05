// Response schemas of the team, invitation and audit routes (routes/team.ts, invitations.ts, audit.ts). Like
// responses.ts: loose objects, checked before sending.
import { z } from 'zod';
import { roles } from '../store/store.ts';
import { object, time } from './responses.ts';

const role = z.enum(roles).meta({ description: 'owner: everything; developer: everything but credentials and the team; viewer: reads, no secrets' });

export const memberResponse = object({ id: z.string(), email: z.string(), role, created_at: time, you: z.boolean().meta({ description: 'This is the signed-in user' }) });
export const invitationResponse = object({ id: z.string(), email: z.string(), role, invited_by: z.string(), expires_at: time });
export const issuedInvitation = invitationResponse.extend({ invite_path: z.string().meta({ description: 'The link to join (/invite/<token>), shown only in this answer' }) });
export const teamResponse = object({ members: z.array(memberResponse), invitations: z.array(invitationResponse).meta({ description: 'Waiting to be taken' }) });

/** What an invitation link says before it is taken (an open route: no account data beyond its name). */
export const invitationInfo = object({ email: z.string(), role, account_name: z.string().nullable(), expires_at: time });

export const auditPage = object({
  items: z.array(object({
    id: z.string(), at: time,
    actor: z.string().meta({ description: 'A user\'s e-mail, or client:<client id> for an API client' }),
    action: z.string().meta({ description: 'webhook.created, webhook.secret_revealed, delivery.replayed, member.invited, ...' }),
    target: object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    detail: z.record(z.string(), z.unknown()),
  })),
  next_before: z.string().nullable().meta({ description: 'Pass as before= for the next page; null on the last' }),
});

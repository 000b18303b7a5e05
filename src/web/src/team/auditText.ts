// An audit entry as a sentence in the user's language: the action's words with the thing it was done to. An action
// this dashboard does not know yet shows its code.
import { useCallback } from 'react';
import type { AuditEntry, Role } from '../api/types.ts';
import { roleNames } from './roleLabels.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';

const actions: Record<string, MessageKey> = {
  'webhook.created': 'audit.webhookCreated', 'webhook.updated': 'audit.webhookUpdated', 'webhook.disabled': 'audit.webhookDisabled',
  'webhook.enabled': 'audit.webhookEnabled', 'webhook.removed': 'audit.webhookRemoved', 'webhook.recovered': 'audit.webhookRecovered',
  'webhook.secret_rotated': 'audit.secretRotated', 'webhook.secret_revealed': 'audit.secretRevealed', 'delivery.replayed': 'audit.deliveryReplayed',
  'account.hottok_rotated': 'audit.hottokRotated', 'account.client_secret_rotated': 'audit.clientSecretRotated',
  'product.created': 'audit.productCreated', 'product.updated': 'audit.productUpdated', 'product.sharing_on': 'audit.sharingOn', 'product.sharing_off': 'audit.sharingOff',
  'product.archived': 'audit.productArchived', 'product.deleted': 'audit.productDeleted', 'product.restored': 'audit.productRestored', 'product.unarchived': 'audit.productRestored',
  'product.members_area_set': 'audit.membersAreaSet', 'webhook.tested': 'audit.webhookTested', 'delivery.resent': 'audit.deliveryResent',
  'affiliation.created': 'audit.affiliationCreated', 'affiliation.ended': 'audit.affiliationEnded',
  'member.invited': 'audit.memberInvited', 'member.joined': 'audit.memberJoined', 'member.role_changed': 'audit.roleChanged',
  'member.removed': 'audit.memberRemoved', 'member.invitation_revoked': 'audit.invitationRevoked', 'member.join_refused': 'audit.joinRefused',
  'user.password_reset': 'audit.passwordReset',
  'offer.created': 'audit.offerCreated', 'notifications.updated': 'audit.notificationsUpdated',
};

/** Entries that say more when their detail has it: a new URL (recorded since), an invitation's e-mail (since). */
function keyOf(entry: AuditEntry): MessageKey | undefined {
  if (entry.action === 'webhook.updated' && typeof entry.detail.url === 'string') return 'audit.webhookUrlChanged';
  if (entry.action === 'member.invitation_revoked' && entry.target.name) return 'audit.invitationRevokedOf';
  // an ended affiliation names its product, code and both parties (since; entries written before named nothing)
  if (entry.action === 'affiliation.ended' && typeof entry.detail.affiliate_code === 'string') return 'audit.affiliationEndedOf';
  return actions[entry.action];
}

export function useAuditText(): (entry: AuditEntry) => string {
  const t = useT();
  return useCallback((entry: AuditEntry) => {
    const key = keyOf(entry);
    const name = entry.target.name ?? entry.target.id ?? '';
    const rawRole = String(entry.detail.role ?? entry.detail.to ?? '');
    const role = rawRole in roleNames ? t(roleNames[rawRole as Role]) : rawRole;
    const parties = { code: String(entry.detail.affiliate_code ?? ''), producer: String(entry.detail.producer ?? ''), affiliate: String(entry.detail.affiliate ?? '') };
    return key ? t(key, { name, url: String(entry.detail.url ?? ''), role, ...parties }) : `${entry.action} ${name}`.trim();
  }, [t]);
}

/** Who did it: a user's e-mail, an API client, or the other account of a change both share (an affiliation ended). */
export function useAuditActor(): (actor: string) => string {
  const t = useT();
  return useCallback((actor: string) => {
    if (actor.startsWith('client:')) return t('audit.apiClient', { id: actor.slice('client:'.length) });
    if (actor.startsWith('account:')) return t('audit.otherAccount', { name: actor.slice('account:'.length) });
    return actor;
  }, [t]);
}

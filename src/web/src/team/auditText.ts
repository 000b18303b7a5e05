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
  'product.archived': 'audit.productArchived', 'product.deleted': 'audit.productDeleted', 'product.restored': 'audit.productRestored', 'product.members_area_set': 'audit.membersAreaSet',
  'affiliation.created': 'audit.affiliationCreated', 'affiliation.ended': 'audit.affiliationEnded',
  'member.invited': 'audit.memberInvited', 'member.joined': 'audit.memberJoined', 'member.role_changed': 'audit.roleChanged',
  'member.removed': 'audit.memberRemoved', 'member.invitation_revoked': 'audit.invitationRevoked',
  'offer.created': 'audit.offerCreated', 'notifications.updated': 'audit.notificationsUpdated',
};

export function useAuditText(): (entry: AuditEntry) => string {
  const t = useT();
  return useCallback((entry: AuditEntry) => {
    const key = actions[entry.action];
    const name = entry.target.name ?? entry.target.id ?? '';
    const rawRole = String(entry.detail.role ?? entry.detail.to ?? '');
    const role = rawRole in roleNames ? t(roleNames[rawRole as Role]) : rawRole;
    return key ? t(key, { name, url: String(entry.detail.url ?? ''), role }) : `${entry.action} ${name}`.trim();
  }, [t]);
}

// How roles read on screen, with what each may do.
import type { Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/catalogues.ts';

export const roleNames: Record<Role, MessageKey> = { owner: 'role.owner', developer: 'role.developer', viewer: 'role.viewer' };
export const roleHints: Record<Role, MessageKey> = { owner: 'role.ownerHint', developer: 'role.developerHint', viewer: 'role.viewerHint' };

// The signed-in user's role, for the screens to offer only what the API will accept (the API enforces it anyway:
// src/api/roles.ts). A viewer reads; a developer changes everything but the account's credentials and its team.
import { createContext, useContext } from 'react';
import type { Role } from '../api/types.ts';

const rank: Record<Role, number> = { viewer: 0, developer: 1, owner: 2 };

export const RoleContext = createContext<Role>('viewer');

/** Whether the user's role reaches `needed` ('developer': may change things; 'owner': credentials and the team). */
export function useCan(needed: Role): boolean {
  return rank[useContext(RoleContext)] >= rank[needed];
}

export const useRole = (): Role => useContext(RoleContext);

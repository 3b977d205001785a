import type { User } from '@groundwork/contracts';
import type { Role, UserRow } from './users.repository';

/** Who is making a request, and how they proved it. */
export type Principal =
  | { via: 'session'; user: UserRow; sessionIdHash: string; csrfToken: string }
  | { via: 'token'; user: UserRow; tokenId: string };

/**
 * Access rules, from most open to most closed; every route declares one. `optional` is public, but a
 * caller who sends credentials is recognised (to show them their own results beside public data).
 */
export const ACCESS_RULES = ['public', 'optional', 'user', 'mentor', 'admin'] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];
export type RoleRule = Exclude<AccessRule, 'public' | 'optional'>;

const RANK: Record<Role, number> = { learner: 1, mentor: 2, admin: 3 };
const REQUIRED_RANK: Record<RoleRule, number> = { user: 1, mentor: 2, admin: 3 };

export function canAccess(role: Role, rule: RoleRule): boolean {
  return RANK[role] >= REQUIRED_RANK[rule];
}

// a cached principal answers many requests; its user's DTO is built once, not per request
const dtos = new WeakMap<UserRow, User>();

export function toUserDto(row: UserRow): User {
  let dto = dtos.get(row);
  if (!dto) {
    dto = Object.freeze({
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      createdAt: row.createdAt.toISOString(),
    });
    dtos.set(row, dto);
  }
  return dto;
}

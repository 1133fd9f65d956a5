/**
 * Member roles. Roles hold for the whole instance: a member sees every project, and the role
 * says what they may do there. Each role includes everything the one before it may do.
 */
export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/**
 * What a call needs: reading; changing a project's maps, cohorts and comments; or managing
 * keys and members.
 */
export const ACCESS_LEVELS = ['read', 'write', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

const LEAST_ROLE: Record<Access, Role> = { read: 'viewer', write: 'editor', admin: 'owner' };

/** The least role that may make a call needing `need`. */
export const roleNeeded = (need: Access): Role => LEAST_ROLE[need];

/**
 * Whether a member of `role` may make a call needing `need`.
 *
 * @example roleAllows('editor', 'write') // true
 * @example roleAllows('editor', 'admin') // false
 */
export const roleAllows = (role: Role, need: Access): boolean => ROLES.indexOf(role) >= ROLES.indexOf(roleNeeded(need));

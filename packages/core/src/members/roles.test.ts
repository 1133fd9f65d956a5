import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, isRole, roleAllows, roleNeeded, ROLES } from './roles.ts';

describe('roles', () => {
  it('grant viewer reading, editor reading and writing, owner everything', () => {
    const matrix = Object.fromEntries(ROLES.map((role) => [role, ACCESS_LEVELS.filter((need) => roleAllows(role, need))]));
    expect(matrix).toEqual({ viewer: ['read'], editor: ['read', 'write'], owner: ['read', 'write', 'admin'] });
  });

  it('name the least role each access needs', () => {
    expect(ACCESS_LEVELS.map(roleNeeded)).toEqual(['viewer', 'editor', 'owner']);
  });

  it('recognise only the three roles', () => {
    expect(ROLES.filter(isRole)).toEqual(['viewer', 'editor', 'owner']);
    for (const other of ['admin', 'Owner', '', null, 1]) expect(isRole(other)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from './password-hash.ts';

describe('password hashes', () => {
  it('verify the password they were made from, and no other', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('are salted: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('read their parameters from the stored hash', async () => {
    const hash = await hashPassword('parameters');
    const [, , , , salt, key] = hash.split('$');
    // The same salt at other parameters gives another key, so the stored N must be the one used.
    expect(await verifyPassword('parameters', `scrypt$16384$8$1$${salt}$${key}`)).toBe(false);
  });

  it('refuse hashes they cannot read instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$3$8$1$AAAA$AAAA', 'scrypt$1073741824$8$1$AAAA$AAAA', 'scrypt$16384$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
  });

  it('have a decoy that no password matches', async () => {
    expect(await verifyPassword('', await decoyHash())).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are 20 unambiguous characters and differ each time', () => {
    const many = Array.from({ length: 200 }, generatePassword);
    for (const p of many) expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(many).size).toBe(many.length);
  });
});

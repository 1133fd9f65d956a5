import { describe, expect, it } from 'vitest';
import { DedupIndex } from './dedup-index.ts';

const HOUR = 3_600_000;

describe('DedupIndex', () => {
  it('remembers the seq of each message id, per project', () => {
    const index = new DedupIndex(HOUR, 100);
    index.add('p1', 'm1', 1, 0);
    index.add('p1', 'm2', 2, 0);
    expect(index.seqOf('p1', 'm1')).toBe(1);
    expect(index.seqOf('p1', 'm2')).toBe(2);
    expect(index.seqOf('p2', 'm1')).toBeUndefined();
    expect(index.seqOf('p1', 'm3')).toBeUndefined();
    expect(index.size).toBe(2);
  });

  it('does not confuse ids that only differ in where the project ends', () => {
    const index = new DedupIndex(HOUR, 100);
    index.add('ab', 'c', 1, 0);
    expect(index.seqOf('a', 'bc')).toBeUndefined();
  });

  it('forgets ids older than the window, oldest first, and keeps newer ones', () => {
    const index = new DedupIndex(10_000, 100);
    index.add('p', 'a1', 1, 0);
    index.add('p', 'a2', 2, 500); // same one-second mark as a1
    index.add('p', 'b', 3, 5_000);
    index.add('p', 'c', 4, 9_000);

    index.expire(10_000); // nothing is older than the window yet
    expect(index.size).toBe(4);

    index.expire(10_001);
    expect(index.seqOf('p', 'a1')).toBeUndefined();
    expect(index.seqOf('p', 'a2')).toBeUndefined();
    expect(index.seqOf('p', 'b')).toBe(3);
    expect(index.seqOf('p', 'c')).toBe(4);

    index.expire(15_001);
    expect(index.seqOf('p', 'b')).toBeUndefined();
    expect(index.seqOf('p', 'c')).toBe(4);

    index.expire(10 * HOUR);
    expect(index.size).toBe(0);
  });

  it('keeps at most maxIds, dropping the oldest', () => {
    const index = new DedupIndex(HOUR, 3);
    for (let i = 1; i <= 5; i++) index.add('p', `m${i}`, i, 1_000 * i);
    expect(index.size).toBe(5); // bounded on expire, not on add
    index.expire(6_000);
    expect(index.size).toBe(3);
    expect(['m1', 'm2', 'm3', 'm4', 'm5'].map((m) => index.seqOf('p', m))).toEqual([undefined, undefined, 3, 4, 5]);
  });

  it('applies both bounds together', () => {
    const index = new DedupIndex(10_000, 2);
    index.add('p', 'old', 1, 0);
    index.add('p', 'x', 2, 20_000);
    index.add('p', 'y', 3, 21_000);
    index.add('p', 'z', 4, 22_000);
    index.expire(22_000);
    expect(index.seqOf('p', 'old')).toBeUndefined();
    expect(index.seqOf('p', 'x')).toBeUndefined();
    expect(index.seqOf('p', 'y')).toBe(3);
    expect(index.seqOf('p', 'z')).toBe(4);
  });

  it('treats a re-added id by its latest seq', () => {
    const index = new DedupIndex(HOUR, 100);
    index.add('p', 'm', 1, 0);
    index.add('p', 'm', 7, 0);
    expect(index.seqOf('p', 'm')).toBe(7);
    expect(index.size).toBe(1);
  });
});

import { Rng } from '../simulator/rng.ts';

/** Fisher-Yates shuffle of a copy, driven by a seeded generator: same seed, same order. */
export function seededShuffle<T>(items: readonly T[], seed: number, stream = 0): T[] {
  const out = [...items];
  const rng = new Rng(seed, stream, 0);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

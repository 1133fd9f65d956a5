/**
 * sfc32, a small fast PRNG that passes PractRand, seeded from integers. Every customer gets
 * its own stream (seed, stream, index), so a customer's journey does not depend on how many
 * customers are simulated or in which order they are generated.
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, stream: number, index: number) {
    this.#a = mix32(seed ^ 0x9e3779b9);
    this.#b = mix32((stream + 1) * 0x85ebca6b + index);
    this.#c = mix32(index ^ 0xc2b2ae35 ^ Math.imul(seed, 0x27d4eb2f));
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An index drawn from a cumulative weight table (last entry 1). */
  weighted(cdf: Float64Array | readonly number[]): number {
    const u = this.next();
    let i = 0;
    while (i < cdf.length - 1 && u >= cdf[i]!) i++;
    return i;
  }

  /** Log-normal with the given median and spread (sigma of the log); for delays and amounts. */
  logNormal(median: number, sigma: number): number {
    // Box-Muller on two uniforms; 1 - next() avoids log(0).
    const n = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(sigma * n);
  }

  /** A random 16-hex-digit token (for ids). */
  hex(): string {
    return ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0') + ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  }
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) | 0;
}

/** Normalizes weights to a cumulative table for `Rng.weighted`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]! / total;
    out[i] = acc;
  }
  out[weights.length - 1] = 1;
  return out;
}

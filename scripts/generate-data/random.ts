/**
 * Seeded pseudo-random numbers for the data generator.
 *
 * Math.random cannot be seeded, so every random choice goes through a {@link Random}
 * instance. The core is sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of
 * state, passes PractRand to multiple terabytes, and is a handful of 32-bit operations,
 * which matters at ~20 draws per generated row.
 */

/** Mixes a 32-bit value (splitmix32 finaliser); used to spread seeds and labels. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Derives an independent stream seed from a base seed and labels, so that e.g. month 7's
 * sales do not depend on how many numbers month 6 consumed.
 *
 * @example deriveSeed(42, 'month', 7)
 */
export function deriveSeed(seed: number, ...labels: ReadonlyArray<string | number>): number {
  let hash = mix32(seed >>> 0);
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) hash = mix32(hash ^ text.charCodeAt(i));
    hash = mix32(hash ^ 0x5bd1e995);
  }
  return hash;
}

/** A seeded random stream (sfc32). Not cryptographic; deterministic across runs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ 0x1234567);
    this.c = mix32(this.b ^ 0x7654321);
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to decorrelate close seeds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [low, high] (inclusive). */
  intBetween(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: ReadonlyArray<T>): T {
    return items[this.int(items.length)];
  }

  /** Standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal deviate with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson deviate; normal approximation above 40 where Knuth's loop gets slow. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /**
   * Binomial deviate: exact for small n, normal approximation when n·p·(1-p) is large,
   * Poisson approximation otherwise (small p with large n, e.g. a small shop's share of a
   * best seller), so the cost never grows with n.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n <= 32) {
      let count = 0;
      for (let i = 0; i < n; i++) if (this.float() < p) count++;
      return count;
    }
    const variance = n * p * (1 - p);
    if (variance > 25) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * this.normal())));
    return p <= 0.5 ? Math.min(n, this.poisson(n * p)) : n - Math.min(n, this.poisson(n * (1 - p)));
  }

  /** Rounds x up or down at random so that the expected value is x. */
  roundStochastic(x: number): number {
    const floor = Math.floor(x);
    return floor + (this.float() < x - floor ? 1 : 0);
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }
}

import { describe, expect, it } from 'vitest';
import { deriveSeed, Random } from './random.js';

describe('Random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number): number[] => Array.from({ length: 5 }, ((rng) => () => rng.nextUint32())(new Random(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
  it('derives different streams for different labels', () => {
    expect(deriveSeed(1, 'month', 3)).toBe(deriveSeed(1, 'month', 3));
    expect(deriveSeed(1, 'month', 3)).not.toBe(deriveSeed(1, 'month', 4));
  });
  it('draws with the expected means', () => {
    const rng = new Random(7);
    const n = 20_000;
    let [uniform, poisson, binomial, big] = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      uniform += rng.float();
      poisson += rng.poisson(3);
      binomial += rng.binomial(1000, 0.002);
      big += rng.binomial(5000, 0.3);
    }
    expect(uniform / n).toBeCloseTo(0.5, 1);
    expect(poisson / n).toBeCloseTo(3, 1);
    expect(binomial / n).toBeCloseTo(2, 1);
    expect(big / n / 1500).toBeCloseTo(1, 2);
  });
});

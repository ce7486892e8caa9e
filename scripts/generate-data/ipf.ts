/**
 * Iterative proportional fitting: scales a non-negative prior matrix until its row and column
 * sums match given totals. Used to spread units over (shop, month) and (category, month) so
 * both the monthly curve and the per-shop / per-category totals of DATASET.md hold.
 */

/**
 * Fits `prior` (rows x cols, zeros stay zero) to the row and column totals. The totals must
 * have equal sums; rows or columns whose prior is all zero must have a zero total.
 *
 * @example fitMatrix([[1, 1], [1, 0]], [3, 1], [2, 2]) // [[1, 2], [1, 0]]
 */
export function fitMatrix(prior: readonly (readonly number[])[], rowTotals: readonly number[], colTotals: readonly number[], rounds = 200): number[][] {
  const x = prior.map((row) => [...row]);
  for (let round = 0; round < rounds; round++) {
    let worst = 0;
    for (let r = 0; r < x.length; r++) {
      const sum = x[r].reduce((a, b) => a + b, 0);
      if (sum > 0) {
        const factor = rowTotals[r] / sum;
        for (let c = 0; c < x[r].length; c++) x[r][c] *= factor;
      }
    }
    for (let c = 0; c < colTotals.length; c++) {
      let sum = 0;
      for (let r = 0; r < x.length; r++) sum += x[r][c];
      if (sum > 0) {
        const factor = colTotals[c] / sum;
        worst = Math.max(worst, Math.abs(factor - 1));
        for (let r = 0; r < x.length; r++) x[r][c] *= factor;
      }
    }
    if (worst < 1e-10) break;
  }
  return x;
}

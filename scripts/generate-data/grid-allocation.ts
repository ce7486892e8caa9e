/**
 * Integer allocation on a grid with exact row and column totals and per-cell capacities
 * (a transportation problem). Used to decide how many names of each category go into each
 * alphabetical gap between anchored items.
 *
 * A proportional start (iterative proportional fitting, floored) spreads the allocation
 * evenly; a max-flow on the residual then makes every total exact, or proves it impossible.
 */

/** Fits a real-valued matrix to row/column totals under caps (a few IPF rounds). */
function fitProportional(rows: readonly number[], cols: readonly number[], caps: readonly number[][]): number[][] {
  const x = caps.map((row) => row.map((cap) => cap));
  for (let round = 0; round < 30; round++) {
    for (let r = 0; r < rows.length; r++) {
      const sum = x[r].reduce((a, b) => a + b, 0);
      if (sum > 0) for (let c = 0; c < cols.length; c++) x[r][c] = Math.min(caps[r][c], (x[r][c] * rows[r]) / sum);
    }
    for (let c = 0; c < cols.length; c++) {
      let sum = 0;
      for (let r = 0; r < rows.length; r++) sum += x[r][c];
      if (sum > 0) for (let r = 0; r < rows.length; r++) x[r][c] = Math.min(caps[r][c], (x[r][c] * cols[c]) / sum);
    }
  }
  return x;
}

/** Lowers cells (largest first) until every row and column is within its target. */
function trimExcess(x: number[][], rows: readonly number[], cols: readonly number[]): void {
  for (let r = 0; r < rows.length; r++) {
    let excess = x[r].reduce((a, b) => a + b, 0) - rows[r];
    while (excess > 0) {
      const c = x[r].indexOf(Math.max(...x[r]));
      x[r][c]--;
      excess--;
    }
  }
  for (let c = 0; c < cols.length; c++) {
    let excess = x.reduce((sum, row) => sum + row[c], 0) - cols[c];
    while (excess > 0) {
      let best = 0;
      for (let r = 1; r < rows.length; r++) if (x[r][c] > x[best][c]) best = r;
      x[best][c]--;
      excess--;
    }
  }
}

/**
 * Completes `x` with augmenting paths (Edmonds-Karp) on the residual graph
 * source -> row -> column -> sink. Returns the flow added.
 */
function augment(x: number[][], rows: readonly number[], cols: readonly number[], caps: readonly number[][]): number {
  const R = rows.length;
  const C = cols.length;
  const rowLeft = rows.map((target, r) => target - x[r].reduce((a, b) => a + b, 0));
  const colLeft = cols.map((target, c) => target - x.reduce((sum, row) => sum + row[c], 0));
  let added = 0;
  for (;;) {
    // BFS over rows and columns; a column can be reached from a row with spare capacity
    // (forward edge) and a row from a column with positive flow (backward edge).
    const rowFrom = new Int32Array(R).fill(-2);
    const colFrom = new Int32Array(C).fill(-2);
    const queue: number[] = [];
    for (let r = 0; r < R; r++) if (rowLeft[r] > 0) { rowFrom[r] = -1; queue.push(r); }
    let endCol = -1;
    while (queue.length > 0 && endCol < 0) {
      const node = queue.shift() as number;
      if (node < R) {
        for (let c = 0; c < C; c++) {
          if (colFrom[c] !== -2 || x[node][c] >= caps[node][c]) continue;
          colFrom[c] = node;
          if (colLeft[c] > 0) { endCol = c; break; }
          queue.push(R + c);
        }
      } else {
        const c = node - R;
        for (let r = 0; r < R; r++) {
          if (rowFrom[r] !== -2 || x[r][c] <= 0) continue;
          rowFrom[r] = c;
          queue.push(r);
        }
      }
    }
    if (endCol < 0) return added;
    // Walk the path back, pushing one unit (paths are short; totals are a few thousand).
    let c = endCol;
    colLeft[c]--;
    for (;;) {
      const r = colFrom[c];
      x[r][c]++;
      if (rowFrom[r] === -1) { rowLeft[r]--; break; }
      const previous = rowFrom[r];
      x[r][previous]--;
      c = previous;
    }
    added++;
  }
}

/**
 * Allocates integers x[r][c] <= caps[r][c] with row sums `rows` and column sums `cols`.
 * Throws when no allocation exists (then the name pools are too small for some gap).
 */
export function allocateGrid(rows: readonly number[], cols: readonly number[], caps: readonly number[][]): number[][] {
  const x = fitProportional(rows, cols, caps).map((row) => row.map((value) => Math.floor(value)));
  trimExcess(x, rows, cols);
  augment(x, rows, cols, caps);
  const short = rows.flatMap((target, r) => {
    const got = x[r].reduce((a, b) => a + b, 0);
    return got === target ? [] : [`row ${r}: ${got} of ${target}`];
  });
  if (short.length > 0) throw new Error(`allocateGrid: totals unreachable (${short.join('; ')}); enlarge the pools`);
  return x;
}

// The one linear solve the app needs: the log-rank statistic uᵀ V⁻¹ u for a symmetric positive
// semi-definite variance matrix V.

/**
 * Returns uᵀ V⁻¹ u and the rank used, by an LDLᵀ (square-root-free Cholesky) factorisation.
 *
 * R's survdiff calls solve() (LU with partial pivoting), which stops with an error when V is singular.
 * That happens only when some remaining group carries no information (e.g. every event time in which it
 * is at risk has everyone at risk failing). Instead of failing we follow the survival package's own
 * cholesky2() (used by coxph): a pivot below `tolerance` × the largest diagonal is treated as 0 and that
 * dimension dropped, which gives a generalised inverse; the caller reports the reduced rank as df.
 * For a non-singular V the result equals solve()'s to rounding.
 */
export function quadraticFormInverse(v: readonly (readonly number[])[], u: readonly number[], tolerance = 1e-12): { value: number; rank: number } {
  const k = u.length;
  if (k === 0) return { value: 0, rank: 0 };
  const a = v.map((row) => row.slice());
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
  const eps = maxDiag * tolerance;
  const singular = new Array<boolean>(k).fill(false);
  let rank = 0;
  // In place: a[i][i] = D_i, a[j][i] (j > i) = L_ji.
  for (let i = 0; i < k; i++) {
    const pivot = a[i][i];
    if (!(pivot > eps)) {
      singular[i] = true;
      a[i][i] = 0;
      for (let j = i + 1; j < k; j++) a[j][i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < k; j++) {
      const lji = a[j][i] / pivot;
      for (let m = j; m < k; m++) a[m][j] -= lji * a[m][i];
      a[j][i] = lji;
    }
  }
  // Solve L y = u, then uᵀ V⁻¹ u = Σ y_i² / D_i over the non-singular pivots.
  const y = u.slice();
  let value = 0;
  for (let i = 0; i < k; i++) {
    if (singular[i]) {
      y[i] = 0;
      continue;
    }
    for (let j = i + 1; j < k; j++) y[j] -= a[j][i] * y[i];
    value += (y[i] * y[i]) / a[i][i];
  }
  return { value, rank };
}

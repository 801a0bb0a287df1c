// Householder QR of a tall design matrix, and the triangular solves the regression families need.
//
// Why QR: least squares through the normal equations XᵀX squares the condition number (uncentred age makes
// it ~1e8 and costs eight digits); Householder QR works on X itself and is backward stable (Golub & Van
// Loan, Matrix Computations, 4th ed., §5.2.2). R's lm and glm use the same factorisation (LINPACK dqrdc2).
// The R factor is also the Cholesky factor of XᵀX up to the signs of its rows, so the logistic fits use it
// to solve with XᵀWX without ever forming or inverting that matrix.
//
// Matrices are column-major: an array of q columns, each a Float64Array of the n rows.

export interface Qr {
  n: number;
  q: number;
  /** R, row-major q × q, upper triangular. */
  r: Float64Array;
  /** Householder vectors: reflector j is I − beta[j]·v vᵀ with v = vectors[j][j..n). */
  vectors: Float64Array[];
  beta: Float64Array;
}

/** 2-norm of v[from..n), scaled by the largest entry so tiny weights neither underflow nor overflow. */
function norm(v: Float64Array, from: number): number {
  let scale = 0;
  for (let i = from; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = from; i < v.length; i++) {
    const t = v[i] / scale;
    sum += t * t;
  }
  return scale * Math.sqrt(sum);
}

/**
 * Factorises A = QR. `columns` are copied unless `overwrite` (the caller's scratch copy then holds the
 * Householder vectors). A zero column leaves R[j][j] = 0 (callers check rank).
 */
export function householderQr(columns: readonly Float64Array[], opts: { overwrite?: boolean } = {}): Qr {
  const q = columns.length;
  const n = q === 0 ? 0 : columns[0].length;
  const a = opts.overwrite ? (columns as Float64Array[]) : columns.map((c) => Float64Array.from(c));
  const r = new Float64Array(q * q);
  const beta = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    const v = a[j];
    const sigma = norm(v, j);
    if (sigma === 0) {
      beta[j] = 0;
      r[j * q + j] = 0;
    } else {
      // Reflect onto −sign(v_j)·σ e_j so that v_j − α never cancels.
      const alpha = v[j] >= 0 ? -sigma : sigma;
      v[j] -= alpha;
      let vv = 0;
      for (let i = j; i < n; i++) vv += v[i] * v[i];
      beta[j] = 2 / vv;
      r[j * q + j] = alpha;
      for (let k = j + 1; k < q; k++) {
        const col = a[k];
        let dot = 0;
        for (let i = j; i < n; i++) dot += v[i] * col[i];
        const f = beta[j] * dot;
        for (let i = j; i < n; i++) col[i] -= f * v[i];
      }
    }
    for (let k = j + 1; k < q; k++) r[j * q + k] = a[k][j];
  }
  return { n, q, r, vectors: a, beta };
}

/** Qᵀb (all n entries), without modifying b. */
export function applyQt(qr: Qr, b: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(b);
  for (let j = 0; j < qr.q; j++) {
    if (qr.beta[j] === 0) continue;
    const v = qr.vectors[j];
    let dot = 0;
    for (let i = j; i < qr.n; i++) dot += v[i] * out[i];
    const f = qr.beta[j] * dot;
    for (let i = j; i < qr.n; i++) out[i] -= f * v[i];
  }
  return out;
}

/** Solves R x = b (back substitution); b's first q entries are used. */
export function solveUpper(r: Float64Array, q: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < q; k++) s -= r[i * q + k] * x[k];
    x[i] = s / r[i * q + i];
  }
  return x;
}

/** Solves Rᵀ x = b (forward substitution). */
export function solveUpperTransposed(r: Float64Array, q: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= r[k * q + i] * x[k];
    x[i] = s / r[i * q + i];
  }
  return x;
}

/** Solves (RᵀR) x = b, i.e. (AᵀA) x = b for A = QR, by two triangular solves. */
export function solveNormal(r: Float64Array, q: number, b: ArrayLike<number>): Float64Array {
  return solveUpper(r, q, solveUpperTransposed(r, q, b));
}

/** R⁻¹ (row-major, upper triangular): (AᵀA)⁻¹ = R⁻¹R⁻ᵀ, for standard errors and leverages only, never for a step. */
export function invertUpper(r: Float64Array, q: number): Float64Array {
  const inv = new Float64Array(q * q);
  for (let c = 0; c < q; c++) {
    // Column c of R⁻¹ solves R x = e_c; entries below the diagonal are 0.
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0;
      for (let k = i + 1; k <= c; k++) s -= r[i * q + k] * inv[k * q + c];
      inv[i * q + c] = s / r[i * q + i];
    }
  }
  return inv;
}

/** log |det R| = Σ log |R_jj|, so log det(AᵀA) = 2·logAbsDet(R). */
export function logAbsDetUpper(r: Float64Array, q: number): number {
  let s = 0;
  for (let j = 0; j < q; j++) s += Math.log(Math.abs(r[j * q + j]));
  return s;
}

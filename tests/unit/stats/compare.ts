// The README's comparison rule for the reference vectors, shared by the vector suite and its own self-test.
//   numbers: |got − expected| ≤ max(1e-9·|expected|, 1e-12), and got must be a finite number; the iterative
//            risk-adjustment families use max(1e-7·|expected|, 1e-10) (README sections 12–15)
//   null:    only null matches null (not undefined, NaN or a number)
//   objects: exactly the expected keys; arrays: same length and order

export interface Tolerance {
  rel: number;
  abs: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { rel: 1e-9, abs: 1e-12 };
export const RISK_MODEL_TOLERANCE: Tolerance = { rel: 1e-7, abs: 1e-10 };

function show(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** First difference between got and expected under the README's rule, or null when they match. */
export function mismatch(got: unknown, exp: unknown, where = "$", tolerance: Tolerance = DEFAULT_TOLERANCE): string | null {
  if (exp === null) return got === null ? null : `${where}: expected null, got ${show(got)}`;
  if (typeof exp === "number") {
    if (typeof got !== "number" || !Number.isFinite(got)) return `${where}: expected ${exp}, got ${show(got)}`;
    const diff = Math.abs(got - exp);
    return diff <= Math.max(tolerance.rel * Math.abs(exp), tolerance.abs)
      ? null
      : `${where}: expected ${exp}, got ${got} (|diff| ${diff.toExponential(2)}, rel ${(diff / Math.abs(exp)).toExponential(2)})`;
  }
  if (typeof exp === "string" || typeof exp === "boolean") {
    return got === exp ? null : `${where}: expected ${show(exp)}, got ${show(got)}`;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(got)) return `${where}: expected an array, got ${show(got)}`;
    if (got.length !== exp.length) return `${where}.length: expected ${exp.length}, got ${got.length}`;
    for (let i = 0; i < exp.length; i++) {
      const m = mismatch(got[i], exp[i], `${where}[${i}]`, tolerance);
      if (m) return m;
    }
    return null;
  }
  if (typeof exp === "object") {
    if (typeof got !== "object" || got === null || Array.isArray(got)) return `${where}: expected an object, got ${show(got)}`;
    const e = exp as Record<string, unknown>;
    const g = got as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!Object.prototype.hasOwnProperty.call(g, key)) return `${where}.${key}: missing (expected ${show(e[key])})`;
      const m = mismatch(g[key], e[key], `${where}.${key}`, tolerance);
      if (m) return m;
    }
    for (const key of Object.keys(g)) {
      if (!Object.prototype.hasOwnProperty.call(e, key)) return `${where}.${key}: unexpected key (value ${show(g[key])})`;
    }
    return null;
  }
  throw new Error(`${where}: unsupported value in the reference: ${show(exp)}`);
}

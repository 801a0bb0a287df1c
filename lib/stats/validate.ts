// Input checks shared by every family. A statistic computed from bad input is worse than no statistic, so
// each check throws a RangeError whose message starts with "<family>: <field>" (e.g.
// "kaplanMeier: times[3] must be ≥ 0, got -1"), so the caller can point at the offending field.
// Type mismatches (a string where a number belongs) are RangeErrors too: callers get one error class to catch.

export function describe(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

export function fail(family: string, field: string, requirement: string, got?: unknown): never {
  const suffix = arguments.length >= 4 ? `, got ${describe(got)}` : "";
  throw new RangeError(`${family}: ${field} ${requirement}${suffix}`);
}

export function requireInput(family: string, input: unknown): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    fail(family, "input", "must be an object", input);
  }
  return input as Record<string, unknown>;
}

export function finite(family: string, field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(family, field, "must be a finite number", value);
  // -0 would otherwise survive into outputs (and print as 0 but compare with Object.is as different).
  return value === 0 ? 0 : value;
}

export function integerAtLeast(family: string, field: string, value: unknown, min: number): number {
  const v = finite(family, field, value);
  if (!Number.isInteger(v)) fail(family, field, "must be an integer", value);
  if (v < min) fail(family, field, `must be ≥ ${min}`, value);
  if (v > Number.MAX_SAFE_INTEGER) fail(family, field, "is too large", value);
  return v;
}

/** A probability-like parameter; `open` excludes the end points. */
export function probability(family: string, field: string, value: unknown, bounds: { lowerOpen: boolean; upperOpen: boolean }): number {
  const v = finite(family, field, value);
  const lowOk = bounds.lowerOpen ? v > 0 : v >= 0;
  const highOk = bounds.upperOpen ? v < 1 : v <= 1;
  if (!lowOk || !highOk) {
    fail(family, field, `must lie in ${bounds.lowerOpen ? "(" : "["}0, 1${bounds.upperOpen ? ")" : "]"}`, value);
  }
  return v;
}

/** `confLevel` and funnel `levels`: strictly inside (0, 1); absent means the family default. */
export function confLevel(family: string, value: unknown, fallback = 0.95, field = "confLevel"): number {
  if (value === undefined) return fallback;
  return probability(family, field, value, { lowerOpen: true, upperOpen: true });
}

export function array(family: string, field: string, value: unknown, minLength: number): readonly unknown[] {
  if (!Array.isArray(value)) fail(family, field, "must be an array", value);
  if (value.length < minLength) {
    fail(family, field, `must have at least ${minLength} element${minLength === 1 ? "" : "s"}`, value);
  }
  return value;
}

/**
 * The array itself when every element is a finite number (≥ `min`), read only; a copy only where a −0 must become 0.
 * No copy otherwise: a view validates arrays of 100,000 values many times, and each large copy costs fresh memory.
 */
export function finiteArray(family: string, field: string, value: unknown, opts: { minLength: number; min?: number }): readonly number[] {
  const arr = array(family, field, value, opts.minLength);
  let out: unknown[] | null = null;
  for (let i = 0; i < arr.length; i++) {
    const raw = arr[i];
    // The element's name is built only for a message.
    if (typeof raw !== "number" || !Number.isFinite(raw)) finite(family, `${field}[${i}]`, raw);
    else if (opts.min !== undefined && raw < opts.min) fail(family, `${field}[${i}]`, `must be ≥ ${opts.min}`, raw);
    else if (Object.is(raw, -0)) (out ??= arr.slice())[i] = 0;
  }
  return (out ?? arr) as readonly number[];
}

export function binaryArray(family: string, field: string, value: unknown, minLength: number): (0 | 1)[] {
  const arr = array(family, field, value, minLength);
  const out = new Array<0 | 1>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (v !== 0 && v !== 1) fail(family, `${field}[${i}]`, "must be 0 or 1", v);
    out[i] = v;
  }
  return out;
}

export function sameLength(family: string, fieldA: string, a: readonly unknown[], fieldB: string, b: readonly unknown[]): void {
  if (a.length !== b.length) {
    fail(family, fieldB, `must have the same length as ${fieldA} (${a.length}), got length ${b.length}`);
  }
}

export function oneOf<T extends string>(family: string, field: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    fail(family, field, `must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}`, value);
  }
  return value as T;
}

/** Paired scores (before and after, one pair per patient), validated: an object, then `pre` and `post` of equal length ≥ 1. */
export function pairedInput(family: string, input: unknown): { raw: Record<string, unknown>; pre: readonly number[]; post: readonly number[] } {
  const raw = requireInput(family, input);
  const pre = finiteArray(family, "pre", raw.pre, { minLength: 1 });
  const post = finiteArray(family, "post", raw.post, { minLength: 1 });
  sameLength(family, "pre", pre, "post", post);
  return { raw, pre, post };
}

/**
 * Hostile values for the hardening properties (tests/integration/*-refuse*-hostile-*.test.ts): what a form, a URL, a
 * server-action call (React's reply format carries more than strings: numbers, booleans, null, arrays, objects,
 * dates, bigints, Maps and Sets) or a CSV cell can deliver when someone types, pastes or crafts it on purpose.
 */
import fc from "fast-check";

/** Fixed strings that have broken real systems. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0000abc",
  " \u0000",
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u200E\u061C", // RTL/LTR marks
  "مريض عربي",
  "👩‍⚕️🩻💉",
  "\uD800", // lone surrogate
  "\uFEFF",
  "Ω≈ç√∫˜µ≤≥÷",
  "'; DROP TABLE patients; --",
  "1' OR '1'='1",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '=HYPERLINK("http://x")',
  "=cmd|' /C calc'!A0",
  "+1",
  "-1",
  "@SUM(1+1)",
  "${7*7}",
  "{{7*7}}",
  "../../../etc/passwd",
  "%00",
  "%s%s%s%n",
  "\\",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x10",
  "1,5",
  "1.5",
  "007",
  "  42  ",
  "9007199254740993",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31",
  "2026-13-01",
  "1899-12-31",
  "2026-1-1",
  "2026-01-01T00:00:00Z",
  "__proto__",
  "constructor",
  "toString",
  "[object Object]",
  "true",
  "on",
] as const;

/** Any string: random code points (null bytes and lone surrogates included), the nasty ones, and very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  // Long: past every field limit (the longest is 2,000 characters), up to 100,000 characters.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY_STRINGS, "x", "é", "👩‍⚕️"), fc.integer({ min: 201, max: 100_000 }))
      .map(([s, n]) => (s || "x").repeat(Math.ceil(n / Math.max(1, s.length)))),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 1, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 2 ** 31, Number.EPSILON),
  fc.integer(),
  fc.double(),
);

/** Any value a caller of a DAL function or a server action could hand over, nested a little. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: false }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
    fc.array(tie("value"), { maxLength: 2 }).map((v) => new Set(v)),
    fc.array(fc.tuple(hostileString, tie("value")), { maxLength: 2 }).map((v) => new Map(v)),
  ),
})).value;

/**
 * A plausible input object for a schema with these keys: each key missing, kept from `base`, or hostile; plus
 * the odd extra key (`__proto__` and friends included).
 */
export function hostileRecord(keys: readonly string[], base: Record<string, unknown> = {}): fc.Arbitrary<Record<string, unknown>> {
  const field = (key: string) =>
    fc.oneof({ weight: 2, arbitrary: fc.constant(base[key]) }, { weight: 2, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc
    .tuple(
      fc.tuple(...keys.map((k) => field(k))),
      fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "prototype")), hostileValue, { maxKeys: 2 }),
    )
    .map(([values, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      keys.forEach((k, i) => {
        if (values[i] !== undefined) out[k] = values[i];
      });
      return out;
    });
}

/** Either a hostile variant of a valid input (most runs: reaches the deep rules) or anything at all. */
export function hostileInput(keys: readonly string[], base: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: hostileRecord(keys, base) }, { weight: 1, arbitrary: hostileValue });
}

/** Ids as a URL, a bound action argument or a caller could send them. */
export const hostileId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    99_999_999,
    "1",
    " 1",
    "1 OR 1=1",
    "",
    null,
    undefined,
    true,
    [],
    [1],
    {},
    { id: 1 },
  ),
  fc.bigInt(),
  hostileValue,
);

/** Stands for "the valid value of this field" in a shape drawn before the valid values are known. */
export const FROM_BASE: unique symbol = Symbol("from base");

/**
 * hostileInput for inputs whose valid values are only known inside the run (ids of records made for it): draws
 * the shape, with FROM_BASE where the valid value goes; fillFromBase puts the values in.
 */
export function hostileShape(keys: readonly string[]): fc.Arbitrary<unknown> {
  return hostileInput(keys, Object.fromEntries(keys.map((k) => [k, FROM_BASE])));
}

export function fillFromBase(shape: unknown, base: Record<string, unknown>): unknown {
  if (shape === null || typeof shape !== "object" || Object.getPrototypeOf(shape) !== Object.prototype) return shape;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const v = (shape as Record<string, unknown>)[key];
    Object.defineProperty(out, key, { value: v === FROM_BASE ? base[key] : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

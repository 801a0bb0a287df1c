// The vector suite is only as strict as its comparison: check that the rule rejects what it must.

import { describe, expect, it } from "vitest";
import { mismatch, RISK_MODEL_TOLERANCE } from "./compare";

describe("reference-vector comparison rule", () => {
  it("accepts numbers within 1e-9 relative or 1e-12 absolute", () => {
    expect(mismatch(1 + 9e-10, 1)).toBeNull();
    expect(mismatch(5e-13, 0)).toBeNull();
    expect(mismatch({ a: [1, null] }, { a: [1, null] })).toBeNull();
  });

  it("rejects numbers outside the tolerance, and non-finite or missing numbers", () => {
    expect(mismatch(1 + 2e-9, 1)).toMatch(/^\$: expected 1/);
    expect(mismatch(2e-12, 0)).not.toBeNull();
    expect(mismatch(NaN, 1)).not.toBeNull();
    expect(mismatch(Infinity, 1)).not.toBeNull();
    expect(mismatch(null, 0)).not.toBeNull();
    expect(mismatch("1", 1)).not.toBeNull();
  });

  it("accepts only null for null", () => {
    expect(mismatch(undefined, null)).not.toBeNull();
    expect(mismatch(NaN, null)).not.toBeNull();
    expect(mismatch(0, null)).not.toBeNull();
  });

  it("requires exactly the expected keys and array lengths", () => {
    expect(mismatch({ a: 1, b: 2 }, { a: 1 })).toBe("$.b: unexpected key (value 2)");
    expect(mismatch({}, { a: 1 })).toBe("$.a: missing (expected 1)");
    expect(mismatch({ a: undefined }, { a: null })).not.toBeNull();
    expect(mismatch([1, 2], [1])).toBe("$.length: expected 1, got 2");
    expect(mismatch([1], { 0: 1 })).not.toBeNull();
  });

  it("the risk-model families' rule accepts 1e-7 relative or 1e-10 absolute, and nothing wider", () => {
    expect(mismatch({ b: [1 + 9e-8] }, { b: [1] }, "$", RISK_MODEL_TOLERANCE)).toBeNull();
    expect(mismatch(9e-11, 0, "$", RISK_MODEL_TOLERANCE)).toBeNull();
    expect(mismatch({ b: [1 + 2e-7] }, { b: [1] }, "$", RISK_MODEL_TOLERANCE)).toMatch(/^\$\.b\[0\]: expected 1/);
    expect(mismatch(2e-10, 0, "$", RISK_MODEL_TOLERANCE)).not.toBeNull();
    expect(mismatch(1 + 9e-8, 1), "the default rule stays at 1e-9").not.toBeNull();
  });
});

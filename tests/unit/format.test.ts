import { describe, expect, it } from "vitest";
import { formatCount, formatRateWithCi, percentNumber } from "@/lib/format/numbers";

describe("number formatting", () => {
  it("shows two significant digits below 1 % and one decimal above", () => {
    expect(percentNumber(0.0012437)).toBe("0.12");
    expect(percentNumber(0.0003)).toBe("0.03");
    expect(percentNumber(0.0099)).toBe("0.99");
    expect(percentNumber(0.123)).toBe("12.3");
    expect(percentNumber(0.5)).toBe("50");
    expect(percentNumber(0)).toBe("0");
    expect(percentNumber(1)).toBe("100");
  });

  it("never rounds an incomplete share up to 100 %", () => {
    expect(percentNumber(0.99999)).toBe("99.9");
  });

  it("writes a rate with its n and CI", () => {
    expect(formatRateWithCi(3, 2412, { estimate: 3 / 2412, lower: 0.000256, upper: 0.00363 })).toBe("3 / 2,412 (0.12 %, 95 % CI 0.026–0.36 %)");
    expect(formatCount(100000)).toBe("100,000");
  });
});

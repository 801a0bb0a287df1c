/**
 * Freedom from subsequent surgery (issue 14, item 7) against a small example worked by hand: Kaplan–Meier
 * S(t) = Π (1 − d/n), Greenwood's variance of log S, the log-transformed 95 % limits (R: conf.type = "log", the
 * transform lib/stats/kaplanMeier.ts is checked to against R's vectors), and numbers at risk = times ≥ t.
 */
import { describe, expect, it } from "vitest";
import { durabilityTime, summariseDurability } from "@/lib/outcomes/durability";

import { DURABILITY_EXAMPLE as EXAMPLE } from "../support/durabilityExample";

const procedure = ([day, surgery]: [number, boolean]) => ({
  firstSubsequentSurgery: surgery ? { day, type: "fusion" as const } : null,
  followUps: [{ day: Math.min(day, 30) } as never, ...(surgery ? [] : [{ day } as never])],
});

describe("free of subsequent surgery", () => {
  const d = summariseDurability(EXAMPLE.map(procedure));

  it("counts n, events and the kinds of surgery", () => {
    expect(d).toMatchObject({ n: 10, events: 3, noFollowUp: 0, tooFew: false, byType: [{ type: "fusion", n: 3 }] });
  });

  it("gives S, its 95 % CI and the numbers at risk at 6, 12 and 24 months as worked by hand", () => {
    // S(182) = 9/10; S(365) = 0.9 × 7/8; S(730) = 0.7875 × 4/5. Greenwood: 1/(10·9), + 1/(8·7), + 1/(5·4).
    const [m6, m12, m24] = d.at;
    expect(m6).toMatchObject({ day: 182, atRisk: 8, upper: 1 });
    expect(m6!.free).toBeCloseTo(0.9, 12);
    expect(m6!.lower).toBeCloseTo(0.9 * Math.exp(-1.959963984540054 * Math.sqrt(1 / 90)), 12);
    expect(m6!.lower).toBeCloseTo(0.7320116427439927, 12);
    expect(m12).toMatchObject({ day: 365, atRisk: 6, upper: 1 });
    expect(m12!.free).toBeCloseTo(0.7875, 12);
    expect(m12!.lower).toBeCloseTo(0.5641252315136733, 12);
    expect(m24).toMatchObject({ day: 730, atRisk: 2, upper: 1 });
    expect(m24!.free).toBeCloseTo(0.63, 12);
    expect(m24!.lower).toBeCloseTo(0.3631967295845275, 12);
  });

  it("says nothing beyond the longest follow-up, and starts its curve at 100 % on day 0", () => {
    const short = summariseDurability(EXAMPLE.filter(([day]) => day < 700).map(procedure));
    expect(short.at[2]).toEqual({ day: 730, label: "24 months", free: null, lower: null, upper: null, atRisk: 0 });
    expect(d.points[0]).toEqual({ day: 0, free: 1, lower: 1, upper: 1, atRisk: 10, events: 0, censored: 0 });
  });

  it("censors at the last follow-up assessment, and leaves out procedures with no follow-up yet", () => {
    expect(durabilityTime({ firstSubsequentSurgery: null, followUps: [{ day: 14 } as never, { day: 370 } as never] })).toEqual({ time: 370, event: 0 });
    expect(durabilityTime({ firstSubsequentSurgery: { day: 90, type: "laminectomy" }, followUps: [{ day: 370 } as never] })).toEqual({ time: 90, event: 1 });
    expect(durabilityTime({ firstSubsequentSurgery: null, followUps: [] })).toBeNull();
    const withNone = summariseDurability([...EXAMPLE.map(procedure), { firstSubsequentSurgery: null, followUps: [] }]);
    expect(withNone).toMatchObject({ n: 10, noFollowUp: 1 });
  });

  it("is too few to estimate below 10 procedures with follow-up", () => {
    expect(summariseDurability(EXAMPLE.slice(0, 9).map(procedure)).tooFew).toBe(true);
  });
});

// Invalid input must throw a RangeError that names the offending field, never produce a number.

import { describe, expect, it } from "vitest";
import * as stats from "../../../lib/stats";
import { expectRangeError, type Case } from "./expectRangeError";

// Casts let us pass what a careless caller (or untyped JSON) could pass.
/* eslint-disable @typescript-eslint/no-explicit-any */
const km = (input: unknown) => () => stats.kaplanMeier(input as any);
const lr = (input: unknown) => () => stats.logRank(input as any);
const cp = (input: unknown) => () => stats.clopperPearson(input as any);
const bos = (input: unknown) => () => stats.binomOneSided(input as any);
const pn = (input: unknown) => () => stats.proceduresNeeded(input as any);
const wi = (input: unknown) => () => stats.wilson(input as any);
const fl = (input: unknown) => () => stats.funnelLimits(input as any);
const cu = (input: unknown) => () => stats.bernoulliCusum(input as any);
const pc = (input: unknown) => () => stats.pairedChange(input as any);
const re = (input: unknown) => () => stats.responder(input as any);
const tb = (input: unknown) => () => stats.turnbull(input as any);
/* eslint-enable @typescript-eslint/no-explicit-any */

const cases: Record<string, Case[]> = {
  kaplanMeier: [
    ["input not an object", km(null), "input"],
    ["negative time", km({ times: [3, -1], events: [1, 0] }), "times[1]"],
    ["NaN time", km({ times: [NaN], events: [1] }), "times[0]"],
    ["infinite time", km({ times: [Infinity], events: [0] }), "times[0]"],
    ["event not 0/1", km({ times: [3, 4], events: [1, 2] }), "events[1]"],
    ["boolean event", km({ times: [3], events: [true] }), "events[0]"],
    ["no patients", km({ times: [], events: [] }), "times"],
    ["lengths differ", km({ times: [1, 2, 3], events: [1, 0] }), "events"],
    ["times missing", km({ events: [1] }), "times"],
    ["confLevel 1", km({ times: [1], events: [1], confLevel: 1 }), "confLevel"],
    ["confLevel 0", km({ times: [1], events: [1], confLevel: 0 }), "confLevel"],
    ["confLevel 95 (per cent)", km({ times: [1], events: [1], confLevel: 95 }), "confLevel"],
    ["confLevel NaN", km({ times: [1], events: [1], confLevel: NaN }), "confLevel"],
    ["confLevel null", km({ times: [1], events: [1], confLevel: null }), "confLevel"],
  ],
  logRank: [
    ["one group", lr({ groups: [{ times: [1], events: [1] }] }), "groups"],
    ["groups not an array", lr({ groups: {} }), "groups"],
    [
      "empty group",
      lr({
        groups: [
          { times: [1], events: [1] },
          { times: [], events: [] },
        ],
      }),
      "groups[1].times",
    ],
    ["group not an object", lr({ groups: [{ times: [1], events: [1] }, 5] }), "groups[1]"],
    [
      "negative time",
      lr({
        groups: [
          { times: [1], events: [1] },
          { times: [-2], events: [0] },
        ],
      }),
      "groups[1].times[0]",
    ],
    [
      "lengths differ",
      lr({
        groups: [
          { times: [1, 2], events: [1] },
          { times: [2], events: [0] },
        ],
      }),
      "groups[0].events",
    ],
    [
      "bad event",
      lr({
        groups: [
          { times: [1], events: [3] },
          { times: [2], events: [0] },
        ],
      }),
      "groups[0].events[0]",
    ],
  ],
  clopperPearson: [
    ["negative events", cp({ events: -1, n: 10 }), "events"],
    ["events > n", cp({ events: 11, n: 10 }), "events"],
    ["n = 0", cp({ events: 0, n: 0 }), "n"],
    ["fractional n", cp({ events: 1, n: 2.5 }), "n"],
    ["NaN events", cp({ events: NaN, n: 10 }), "events"],
    ["string events", cp({ events: "3", n: 10 }), "events"],
    ["confLevel 0", cp({ events: 1, n: 10, confLevel: 0 }), "confLevel"],
    ["confLevel > 1", cp({ events: 1, n: 10, confLevel: 1.2 }), "confLevel"],
  ],
  binomOneSided: [
    ["p0 > 1", bos({ events: 0, n: 10, p0: 1.5, alternative: "less" }), "p0"],
    ["p0 NaN", bos({ events: 0, n: 10, p0: NaN, alternative: "less" }), "p0"],
    ["two-sided", bos({ events: 0, n: 10, p0: 0.001, alternative: "two.sided" }), "alternative"],
    ["events > n", bos({ events: 12, n: 10, p0: 0.001, alternative: "greater" }), "events"],
    ["n < 1", bos({ events: 0, n: 0, p0: 0.001, alternative: "less" }), "n"],
    ["confLevel 1", bos({ events: 0, n: 10, p0: 0.001, alternative: "less", confLevel: 1 }), "confLevel"],
  ],
  proceduresNeeded: [
    ["p0 = 0", pn({ events: 0, p0: 0 }), "p0"],
    ["p0 = 1", pn({ events: 0, p0: 1 }), "p0"],
    ["negative events", pn({ events: -1, p0: 0.001 }), "events"],
    ["fractional events", pn({ events: 0.5, p0: 0.001 }), "events"],
    ["confLevel 1", pn({ events: 0, p0: 0.001, confLevel: 1 }), "confLevel"],
    ["p0 too small to count", pn({ events: 0, p0: 1e-300 }), "p0"],
  ],
  wilson: [
    ["n = 0", wi({ events: 0, n: 0 }), "n"],
    ["events > n", wi({ events: 5, n: 4 }), "events"],
    ["negative confLevel", wi({ events: 1, n: 4, confLevel: -0.1 }), "confLevel"],
    ["infinite n", wi({ events: 1, n: Infinity }), "n"],
  ],
  funnelLimits: [
    ["n = 0", fl({ p0: 0.001, n: [100, 0], levels: [0.95], method: "exact" }), "n[1]"],
    ["fractional n", fl({ p0: 0.001, n: [10.5], levels: [0.95], method: "exact" }), "n[0]"],
    ["level 1", fl({ p0: 0.001, n: [100], levels: [0.95, 1], method: "exact" }), "levels[1]"],
    ["level as per cent", fl({ p0: 0.001, n: [100], levels: [95], method: "normal" }), "levels[0]"],
    ["unknown method", fl({ p0: 0.001, n: [100], levels: [0.95], method: "poisson" }), "method"],
    ["negative p0", fl({ p0: -0.1, n: [100], levels: [0.95], method: "normal" }), "p0"],
    ["n not an array", fl({ p0: 0.001, n: 100, levels: [0.95], method: "exact" }), "n"],
  ],
  bernoulliCusum: [
    ["outcome 2", cu({ outcomes: [0, 2], p0: 0.001, oddsRatio: 2, threshold: 2 }), "outcomes[1]"],
    ["p0 = 0", cu({ outcomes: [0], p0: 0, oddsRatio: 2, threshold: 2 }), "p0"],
    ["oddsRatio 0", cu({ outcomes: [0], p0: 0.001, oddsRatio: 0, threshold: 2 }), "oddsRatio"],
    ["negative threshold", cu({ outcomes: [0], p0: 0.001, oddsRatio: 2, threshold: -1 }), "threshold"],
    ["NaN threshold", cu({ outcomes: [0], p0: 0.001, oddsRatio: 2, threshold: NaN }), "threshold"],
  ],
  pairedChange: [
    ["lengths differ", pc({ pre: [1, 2], post: [1] }), "post"],
    ["no pairs", pc({ pre: [], post: [] }), "pre"],
    ["NaN score", pc({ pre: [5, NaN], post: [3, 4] }), "pre[1]"],
    ["null score", pc({ pre: [5, 6], post: [3, null] }), "post[1]"],
    ["confLevel 1", pc({ pre: [5, 6], post: [3, 4], confLevel: 1 }), "confLevel"],
  ],
  responder: [
    ["unknown mode", re({ pre: [5], post: [3], threshold: 2, mode: "relative" }), "mode"],
    ["NaN threshold", re({ pre: [5], post: [3], threshold: NaN, mode: "absolute" }), "threshold"],
    ["lengths differ", re({ pre: [5, 6], post: [3], threshold: 2, mode: "absolute" }), "post"],
    ["no pairs", re({ pre: [], post: [], threshold: 2, mode: "absolute" }), "pre"],
    ["infinite score", re({ pre: [Infinity], post: [3], threshold: 2, mode: "absolute" }), "pre[0]"],
    ["confLevel 0", re({ pre: [5], post: [3], threshold: 2, mode: "absolute", confLevel: 0 }), "confLevel"],
  ],
  turnbull: [
    ["negative left", tb({ left: [-1], right: [3] }), "left[0]"],
    ["right = left", tb({ left: [0, 14], right: [14, 14] }), "right[1]"],
    ["right < left", tb({ left: [14], right: [2] }), "right[0]"],
    ["lengths differ", tb({ left: [0, 2], right: [2] }), "right"],
    ["NaN right", tb({ left: [0], right: [NaN] }), "right[0]"],
    ["infinite right (use null)", tb({ left: [0], right: [Infinity] }), "right[0]"],
    ["no patients", tb({ left: [], right: [] }), "left"],
  ],
};

describe("stats: invalid input throws a RangeError naming the field", () => {
  for (const [family, list] of Object.entries(cases)) {
    for (const [label, call, field] of list) {
      it(`${family}: ${label} → ${field}`, () => expectRangeError(family, call, field));
    }
  }

  it("messages start with the family and the field", () => {
    expect(cp({ events: 11, n: 10 })).toThrow(/^clopperPearson: events must be ≤ n \(10\), got 11$/);
  });
});

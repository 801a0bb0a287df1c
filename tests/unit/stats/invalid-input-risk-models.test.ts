// The risk-adjustment functions refuse invalid input with a RangeError naming the field (README sections 12–15
// and the adjusted comparison's helpers), and logisticRegression refuses data whose maximum-likelihood
// estimate does not exist.

import { describe, expect, it } from "vitest";
import * as stats from "../../../lib/stats";
import { expectRangeError, type Case } from "./expectRangeError";

// Casts let us pass what a careless caller (or untyped JSON) could pass.
/* eslint-disable @typescript-eslint/no-explicit-any */
const logit = (input: unknown) => () => stats.logisticRegression(input as any);
const firth = (input: unknown) => () => stats.firthLogistic(input as any);
const ols = (input: unknown) => () => stats.linearRegression(input as any);
const oe = (input: unknown) => () => stats.observedExpected(input as any);
const predLogit = (coefficients: unknown, x: unknown) => () => stats.predictLogistic(coefficients as any, x as any);
const predLinear = (coefficients: unknown, x: unknown) => () => stats.predictLinear(coefficients as any, x as any);
const auc = (predicted: unknown, outcome: unknown) => () => stats.cStatistic(predicted as any, outcome as any);
const tenths = (predicted: unknown, outcome: unknown, options?: unknown) => () => stats.calibrationByTenths(predicted as any, outcome as any, options as any);
/* eslint-enable @typescript-eslint/no-explicit-any */

const x5 = [[61], [70], [66], [80], [74]];
const y5 = [0, 1, 0, 1, 1];

/** The cases every regression family shares; `y` must be binary for the logistic ones. */
function regressionCases(fit: (input: unknown) => () => unknown, binary: boolean): Case[] {
  const cases: Case[] = [
    ["input not an object", fit([x5, y5]), "input"],
    ["x missing", fit({ y: y5 }), "x"],
    ["no rows", fit({ x: [], y: [] }), "x"],
    ["row not an array", fit({ x: [[61], 70, [66], [80], [74]], y: y5 }), "x[1]"],
    ["no covariates", fit({ x: [[], [], [], [], []], y: y5 }), "x[0]"],
    ["ragged rows", fit({ x: [[61, 1], [70, 0], [66], [80, 1], [74, 0]], y: y5 }), "x[2]"],
    ["NaN covariate", fit({ x: [[61], [70], [NaN], [80], [74]], y: y5 }), "x[2][0]"],
    ["infinite covariate", fit({ x: [[61], [70], [66], [80], [Infinity]], y: y5 }), "x[4][0]"],
    ["string covariate", fit({ x: [[61], ["70"], [66], [80], [74]], y: y5 }), "x[1][0]"],
    ["y of another length", fit({ x: x5, y: [0, 1, 0, 1] }), "y"],
    ["y not an array", fit({ x: x5, y: 1 }), "y"],
    ["NaN outcome", fit({ x: x5, y: [0, 1, NaN, 1, 1] }), "y[2]"],
    [
      "n = k + 1",
      fit({
        x: [
          [61, 0],
          [70, 1],
          [66, 1],
        ],
        y: [0, 1, 1],
      }),
      "x",
    ],
    ["n < k + 1", fit({ x: [[61, 0, 1]], y: [1] }), "x"],
    ["constant covariate", fit({ x: [[1], [1], [1], [1], [1]], y: y5 }), "x"],
    [
      "a column the sum of two others",
      fit({
        x: [
          [1, 0, 1],
          [0, 1, 1],
          [1, 1, 2],
          [0, 0, 0],
          [1, 0, 1],
          [0, 1, 1],
        ],
        y: [0, 1, 1, 0, 1, 0],
      }),
      "x",
    ],
    ["a column a rescaled copy of another (age in years and months)", fit({ x: x5.map(([a]) => [a, 12 * a]), y: y5 }), "x"],
  ];
  if (binary) {
    cases.push(
      ["outcome 2", fit({ x: x5, y: [0, 1, 2, 1, 1] }), "y[2]"],
      ["outcome true", fit({ x: x5, y: [0, true, 0, 1, 1] }), "y[1]"],
      ["weights not an array", fit({ x: x5, y: y5, weights: 2 }), "weights"],
      ["weights of another length", fit({ x: x5, y: y5, weights: [1, 2, 1] }), "weights"],
      ["a zero weight", fit({ x: x5, y: y5, weights: [1, 2, 0, 1, 1] }), "weights[2]"],
      ["a negative weight", fit({ x: x5, y: y5, weights: [1, -2, 1, 1, 1] }), "weights[1]"],
      ["a NaN weight", fit({ x: x5, y: y5, weights: [1, 2, 1, NaN, 1] }), "weights[3]"],
      // Two rows standing for three subjects, three coefficients: no more subjects than parameters.
      [
        "weights that leave n = k + 1 subjects",
        fit({
          x: [
            [61, 0],
            [70, 1],
          ],
          y: [0, 1],
          weights: [1, 2],
        }),
        "x",
      ],
    );
  } else {
    cases.push(["weights (not a frequency-weighted family)", fit({ x: x5, y: y5, weights: [1, 1, 1, 1, 1] }), "weights"]);
  }
  return cases;
}

const cases: Record<string, Case[]> = {
  logisticRegression: regressionCases(logit, true),
  firthLogistic: regressionCases(firth, true),
  linearRegression: regressionCases(ols, false),
  observedExpected: [
    ["negative observed", oe({ observed: -1, expected: 2 }), "observed"],
    ["fractional observed", oe({ observed: 1.5, expected: 2 }), "observed"],
    ["observed missing", oe({ expected: 2 }), "observed"],
    ["expected 0", oe({ observed: 0, expected: 0 }), "expected"],
    ["negative expected", oe({ observed: 3, expected: -2 }), "expected"],
    ["NaN expected", oe({ observed: 3, expected: NaN }), "expected"],
    ["infinite expected", oe({ observed: 3, expected: Infinity }), "expected"],
    ["confLevel 1", oe({ observed: 3, expected: 2, confLevel: 1 }), "confLevel"],
    ["confLevel 0", oe({ observed: 3, expected: 2, confLevel: 0 }), "confLevel"],
    ["confLevel as per cent", oe({ observed: 3, expected: 2, confLevel: 95 }), "confLevel"],
  ],
  predictLogistic: [
    ["no slope", predLogit([0.5], [[1]]), "coefficients"],
    ["NaN coefficient", predLogit([0.5, NaN], [[1]]), "coefficients[1]"],
    ["x not an array", predLogit([0.5, 1], 3), "x"],
    ["row of the wrong length", predLogit([0.5, 1], [[1], [1, 2]]), "x[1]"],
    ["infinite covariate", predLogit([0.5, 1], [[-Infinity]]), "x[0][0]"],
  ],
  predictLinear: [
    ["coefficients not an array", predLinear(2, [[1]]), "coefficients"],
    ["row not an array", predLinear([0.5, 1], [2]), "x[0]"],
    ["NaN covariate", predLinear([0.5, 1, 2], [[1, NaN]]), "x[0][1]"],
  ],
  cStatistic: [
    ["no patients", auc([], []), "predicted"],
    ["NaN prediction", auc([0.2, NaN], [0, 1]), "predicted[1]"],
    ["outcome 2", auc([0.2, 0.3], [0, 2]), "outcome[1]"],
    ["lengths differ", auc([0.2, 0.3], [0]), "outcome"],
  ],
  calibrationByTenths: [
    ["prediction above 1", tenths([0.2, 1.2], [0, 1]), "predicted[1]"],
    ["negative prediction", tenths([-0.1, 0.2], [0, 1]), "predicted[0]"],
    ["outcome −1", tenths([0.2, 0.3], [-1, 1]), "outcome[0]"],
    ["lengths differ", tenths([0.2, 0.3, 0.4], [0, 1]), "outcome"],
    ["confLevel 1", tenths([0.2, 0.3], [0, 1], { confLevel: 1 }), "confLevel"],
  ],
};

describe("risk models: invalid input throws a RangeError naming the field", () => {
  for (const [family, list] of Object.entries(cases)) {
    for (const [label, call, field] of list) {
      it(`${family}: ${label} → ${field}`, () => expectRangeError(family, call, field));
    }
  }
});

describe("logisticRegression: no maximum-likelihood estimate, no numbers", () => {
  const says = /does not exist; use firthLogistic/;

  it("refuses complete separation (every event above an age, every non-event below)", () => {
    const error = expectRangeError("logisticRegression", logit({ x: [[61], [64], [66], [70], [72], [75], [79], [83]], y: [0, 0, 0, 0, 1, 1, 1, 1] }), "y");
    expect(error.message).toMatch(says);
  });

  it("refuses quasi-complete separation (every patient with a risk factor had the event, the others mixed)", () => {
    const x = [[0], [0], [0], [0], [0], [0], [1], [1], [1]].map(([f], i) => [60 + 3 * i, f]);
    const error = expectRangeError("logisticRegression", logit({ x, y: [0, 1, 0, 1, 1, 0, 1, 1, 1] }), "y");
    expect(error.message).toMatch(says);
  });

  it("refuses outcomes that are all 0 or all 1", () => {
    expect(expectRangeError("logisticRegression", logit({ x: x5, y: [0, 0, 0, 0, 0] }), "y").message).toMatch(says);
    expect(expectRangeError("logisticRegression", logit({ x: x5, y: [1, 1, 1, 1, 1] }), "y").message).toMatch(says);
  });

  it("fits the same data once the separation is broken by one patient", () => {
    const fit = stats.logisticRegression({ x: [[61], [64], [66], [70], [72], [75], [79], [83]], y: [0, 0, 1, 0, 1, 0, 1, 1] });
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });
});

// Every case of every reference-vector file, checked with the README's comparison rule: exact key sets,
// null exactly where the reference has null, numbers within max(1e-9·|expected|, 1e-12) — for the iterative
// risk-adjustment families max(1e-7·|expected|, 1e-10) — arrays of the same length and order. The vectors
// were computed with R; see tests/fixtures/stats-vectors/README.md.
//
// Directory: $STATS_VECTORS_DIR when set, else the copy in tests/fixtures/stats-vectors.
// A missing or empty directory FAILS the suite: passing without having compared anything would hide a
// broken CI set-up.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as stats from "../../../lib/stats";
import { DEFAULT_TOLERANCE, mismatch, RISK_MODEL_TOLERANCE } from "./compare";

// The repository keeps its own copy of the public vectors (tests/fixtures), so CI on a bare clone checks them too.
const DEFAULT_DIR = path.resolve(__dirname, "../../fixtures/stats-vectors");
const VECTORS_DIR = process.env.STATS_VECTORS_DIR ? path.resolve(process.env.STATS_VECTORS_DIR) : DEFAULT_DIR;

const FAMILIES = [
  "kaplanMeier",
  "logRank",
  "clopperPearson",
  "binomOneSided",
  "proceduresNeeded",
  "wilson",
  "funnelLimits",
  "bernoulliCusum",
  "pairedChange",
  "responder",
  "turnbull",
  "logisticRegression",
  "firthLogistic",
  "linearRegression",
  "observedExpected",
] as const;

/** README sections 12–15: fits on ill-conditioned covariates agree to about 1e-9 between careful implementations. */
const RISK_MODEL_FAMILIES = new Set<string>(["logisticRegression", "firthLogistic", "linearRegression", "observedExpected"]);

interface VectorCase {
  name: string;
  description?: string;
  input: unknown;
  expected: unknown;
}

function loadFamily(file: string): VectorCase[] {
  const cases: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(cases)) throw new Error(`${file} is not a JSON array of cases`);
  return cases as VectorCase[];
}

const directoryExists = fs.existsSync(VECTORS_DIR) && fs.statSync(VECTORS_DIR).isDirectory();
const files = directoryExists
  ? fs
      .readdirSync(VECTORS_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()
  : [];

describe("stats reference vectors", () => {
  it("the vector directory exists and has the vector files", () => {
    if (!directoryExists) {
      throw new Error(
        `Reference vectors not found at ${VECTORS_DIR}. Restore tests/fixtures/stats-vectors or set ` +
          `STATS_VECTORS_DIR to the folder holding <family>.json files.`,
      );
    }
    const present = new Set(files.map((f) => path.basename(f, ".json")));
    expect(
      FAMILIES.filter((f) => !present.has(f)),
      `missing vector files in ${VECTORS_DIR}`,
    ).toEqual([]);
  });

  for (const file of files) {
    const family = path.basename(file, ".json");
    const cases = loadFamily(path.join(VECTORS_DIR, file));
    const fn = (stats as Record<string, unknown>)[family];

    if (cases.length === 0) {
      it(`${family}: has cases`, () => {
        throw new Error(`${file} contains no cases`);
      });
    }

    for (const c of cases) {
      it(`${family}: ${c.name}`, () => {
        if (typeof fn !== "function") {
          throw new Error(`lib/stats/index.ts exports no function named "${family}" (vector file ${file})`);
        }
        // A deep copy, so a function that mutated its input could not influence later cases.
        const got: unknown = (fn as (input: unknown) => unknown)(structuredClone(c.input));
        const problem = mismatch(got, c.expected, "$", RISK_MODEL_FAMILIES.has(family) ? RISK_MODEL_TOLERANCE : DEFAULT_TOLERANCE);
        if (problem) throw new Error(`${family} / ${c.name}: ${problem}`);
      });
    }
  }
});

/**
 * Durability under crashes, short version of `scripts/crash-test.ts` for CI: the writer (real DAL writes) is
 * SIGKILLed at random moments and every acknowledged write must be found afterwards, with an intact file and
 * audit chain. The long run is `npm run test:crash` (50 rounds).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const crashTest = (...args: string[]) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/crash-test.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });

describe("crash test", () => {
  it("loses no acknowledged write over 5 random SIGKILLs", () => {
    const run = crashTest("--rounds", "5", "--min-delay-ms", "50", "--max-delay-ms", "300");
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const summary = /Crash test: 5 rounds .*?, (\d+) acknowledged writes .*losses (\d+), integrity_check ok, audit chain ok/.exec(run.stdout);
    expect(summary, run.stdout).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    expect(Number(summary![2])).toBe(0);
  }, 120_000);

  it("would notice a lost write (the checker can fail)", () => {
    const run = crashTest("--rounds", "1", "--min-delay-ms", "50", "--max-delay-ms", "100", "--inject-fake-ack");
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/losses 1,/);
  }, 120_000);
});

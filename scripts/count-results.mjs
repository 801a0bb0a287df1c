// Adds up vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed".
// A suite whose report is missing (it crashed before reporting) counts as one failure, never as zero.
import fs from "node:fs";

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`No report at ${file}: counting the suite as failed.`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  if (typeof report.numPassedTests === "number") {
    // vitest (jest-compatible JSON)
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected + (report.errors?.length ?? 0);
  }
}
if (process.env.EXTRA_PASSED) passed += Number(process.env.EXTRA_PASSED);
if (process.env.EXTRA_FAILED) failed += Number(process.env.EXTRA_FAILED);
console.log(`${passed} passed, ${failed} failed`);

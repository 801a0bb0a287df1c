// Finds a Chromium for the e2e tests or installs one: Playwright's download where that works, else Debian's
// package when running as root; otherwise stops with a message saying what to install.
import { spawnSync } from "node:child_process";
import { findBrowser } from "./browserPath";

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "inherit" }).status === 0;
}

let browser = findBrowser();
if (!browser) {
  console.log("No Chromium found; trying Playwright's download…");
  run("npx", ["playwright", "install", "chromium"]);
  browser = findBrowser();
}
if (!browser && process.getuid?.() === 0) {
  console.log("Installing Debian's chromium package…");
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
  browser = findBrowser();
}
if (!browser) {
  console.error(
    "No browser for the e2e tests. Install Chromium (Debian: `sudo apt-get install chromium`) or run `npx playwright install chromium`, then run npm test again.",
  );
  process.exit(1);
}
console.log(`Browser for e2e tests: ${browser}`);

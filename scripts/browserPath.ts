/** Where the browser for the e2e tests is: Playwright's own Chromium if downloaded, else Debian's. */
import fs from "node:fs";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export function findBrowser(): string | null {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here
  }
  return fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : null;
}

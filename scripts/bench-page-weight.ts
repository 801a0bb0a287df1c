// The patient's questionnaire page is meant to be light (issue 16: an older patient on a small phone, maybe a slow
// connection): the JavaScript a browser fetches to show it, gzip-compressed, beside the sign-in page's, measured in
// Chromium against the production build served on loopback with a copy of the bench database (the copy takes the
// server's audit and throttle rows). Needs `npm run build` first; prints one BENCH_JSON line for scripts/bench.ts.
//
//   node --conditions=react-server --import tsx scripts/bench-page-weight.ts bench-data/bench-4000.db
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { findBrowser } from "./browserPath";

export type PageWeightRow = { page: string; scripts: number; rawBytes: number; gzipBytes: number };

const source = process.argv[2];
if (!source || !fs.existsSync(source)) throw new Error("Usage: bench-page-weight.ts <bench database file>");
if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("BENCH_JSON null");
  console.error("No production build (.next/BUILD_ID): run `npm run build` first; the page weight is skipped.");
  process.exit(0);
}
const browserPath = findBrowser();
if (!browserPath) throw new Error("No Chromium for the page-weight bench (apt-get install chromium).");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-weight-"));
const file = path.join(dir, "weight.db");
fs.copyFileSync(source, file);
// The links are keyed by the app's secret beside the database: this process and the server read the same file.
process.env.DATABASE_PATH = file;
delete process.env.NEXTAUTH_SECRET;
const port = 3800 + Math.floor(Math.random() * 150);
const base = `http://127.0.0.1:${port}`;
process.env.APP_URL = base;
const { invitationLinks } = await import("@/lib/messaging/invitationLinks");

const raw = new Database(file, { readonly: true });
const open = raw
  .prepare("select id from invitations where status in ('sent', 'opened') and kind = 'follow_up' and expires_at > ? order by id desc limit 1")
  .get(new Date().toISOString()) as { id: number } | undefined;
const any = raw.prepare("select id from invitations where kind = 'follow_up' order by id desc limit 1").get() as { id: number } | undefined;
raw.close();
const invitation = open ?? any;
if (!invitation) throw new Error("The bench database has no invitations: reseed it with the current seed (rm bench-data/*.db).");

const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
  env: { ...process.env, PORT: String(port), DATABASE_PATH: file, NEXTAUTH_URL: base, APP_URL: base, INVITATION_SCHEDULER: "off" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error("The server did not start within 2 minutes.");
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({ executablePath: browserPath });
  const weigh = async (label: string, url: string): Promise<PageWeightRow> => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const scripts = await Promise.all(bodies);
    await context.close();
    return {
      page: label,
      scripts: scripts.length,
      rawBytes: scripts.reduce((a, b) => a + b.length, 0),
      gzipBytes: scripts.reduce((a, b) => a + gzipSync(b).length, 0),
    };
  };
  const rows = [
    await weigh(`patient's questionnaire /q/<token>${open ? "" : " (expired: no open invitation in the database)"}`, invitationLinks(invitation.id).link),
    await weigh("sign-in page /login", `${base}/login`),
  ];
  await browser.close();
  console.log(`BENCH_JSON ${JSON.stringify(rows)}`);
} finally {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

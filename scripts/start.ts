// npm start: migrate, seed demo data into an empty database, build when the sources changed, then serve (scripts/serve.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { prepareConfiguredDatabase } from "@/db/prepare";
import { describeRekey } from "@/db/rekeyAuditChain";
import { getAuthSecret } from "@/lib/auth/secret";

const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newestMtime(path.join(p, name))), stat.mtimeMs);
}

function needsBuild(): boolean {
  const buildId = ".next/BUILD_ID";
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const port = process.env.PORT || "3000";
// Pin the resolved SQLite path for the server process (a relative path must not depend on its cwd).
if (!isPostgresUrl(process.env.DATABASE_URL)) process.env.DATABASE_PATH = resolveDatabasePath();
process.env.NEXTAUTH_SECRET ||= getAuthSecret();
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;

const prepared = await prepareConfiguredDatabase({ seed: process.env.SEED_DEMO !== "0" });
console.log(
  `Database ${prepared.target} migrated${prepared.seeded ? `; demo data seeded: ${prepared.seeded.procedures} procedures, ${prepared.seeded.users} users (${prepared.seeded.ms} ms)` : ""}.`,
);
const rekeyed = describeRekey(prepared.auditChain);
if (rekeyed) console.log(rekeyed);

if (process.env.SKIP_BUILD !== "1" && needsBuild()) {
  console.log("Building the app (sources changed since the last build)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Served through scripts/serve.ts rather than `next start`: it gives the app the connection's address.
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env: { ...process.env, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

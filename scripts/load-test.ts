/**
 * Load test against a running server, on loopback only: 20 signed-in users (physicians and quality-officer
 * sessions) each requesting, back to back, a weighted mix of the procedure list, the outcomes dashboard, the
 * quality page (quality officers), the summary API and the CSV export for --seconds, while one writer enters
 * assessments through the app (POST /api/import?mode=commit, one new patient with a procedure, a baseline and a
 * 2-week assessment per write) and keeps the acknowledgement of each. Afterwards it reads the database file to
 * check that every acknowledged write landed and that the audit chain is intact, and reports throughput,
 * p50/p95/p99 latency per request kind and every error (any non-2xx answer, timeout or connection error counts).
 * Exits 1 when there was any error or a lost write. With --serve it starts the server itself (scripts/serve.ts, on
 * --url's port, with --db as its database and the build in NEXT_DIST_DIR) and also reports the server's
 * event-loop delay over the run (monitorEventLoopDelay, read over an IPC channel: scripts/eventLoopProbe.ts),
 * then stops it. The report ends with the goals of issue 17: p95 of the reads, no errors, no event-loop delay
 * over 100 ms.
 *
 * The readers are autocannon clients (one connection per user, pipelining 1); the writer is a plain fetch loop.
 *
 *   # a server of its own, with the 4,000-procedure demo database (never port 3000/3100/3500 or .next):
 *   DATABASE_PATH=/tmp/load/mild.db npx tsx --conditions=react-server scripts/prepare-db.ts
 *   NEXT_DIST_DIR=.next-load npx next build && git checkout tsconfig.json
 *   NEXT_DIST_DIR=.next-load NEXTAUTH_URL=http://localhost:3800 DATABASE_PATH=/tmp/load/mild.db PORT=3800 node --import tsx scripts/serve.ts
 *   # then:
 *   npx tsx scripts/load-test.ts --url http://127.0.0.1:3800 --db /tmp/load/mild.db --seconds 60
 *
 * On PostgreSQL, start the server with DATABASE_URL instead and pass the same URL as --db.
 *
 * Or let the test start the server (the same build), which also measures its event loop:
 *   NEXT_DIST_DIR=.next-load npx tsx scripts/load-test.ts --serve --url http://127.0.0.1:3800 --db /tmp/load/mild.db --p95-goal-ms 300
 *
 * Options: --url (loopback only), --db (the server's DATABASE_PATH or DATABASE_URL, read-only here), --seconds (60), --users (20),
 * --write-interval-ms (200: the writer's pause between writes), --timeout-s (30: per request), --json (print the
 * report as JSON too), --serve (start the server and measure its event loop), --p95-goal-ms (300: the reads' p95
 * goal; issue 17 asks 300 ms at 4,000 procedures, 1,000 ms at 100,000).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { autocannon } from "./autocannon";
import type { EventLoopDelay, ProbeReply, ProbeRequest } from "./eventLoopProbe";
import { demoAccounts, drawKind, pathFor, percentile, verifyWrites, writerFile, type Ack, type Kind, type Role } from "./loadTestTraffic";

// ---------- options ----------

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const target = new URL(option("url", "http://127.0.0.1:3800"));
const databasePath = option("db", process.env.DATABASE_URL || process.env.DATABASE_PATH || "");
const seconds = Number(option("seconds", "60"));
const userCount = Number(option("users", "20"));
const writeIntervalMs = Number(option("write-interval-ms", "200"));
const timeoutSeconds = Number(option("timeout-s", "30"));
const printJson = process.argv.includes("--json");
const serve = process.argv.includes("--serve");
const p95GoalMs = Number(option("p95-goal-ms", "300"));
/** Issue 17: no request may hold the server's event loop for longer than this. */
const EVENT_LOOP_GOAL_MS = 100;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
if (!LOOPBACK.has(target.hostname)) {
  console.error(`Refusing ${target.origin}: the load test runs against loopback only (127.0.0.1, localhost, ::1).`);
  process.exit(2);
}
if (!databasePath) {
  console.error(
    "Name the server's database with --db (its DATABASE_PATH file or DATABASE_URL): the test checks afterwards that every acknowledged write landed.",
  );
  process.exit(2);
}
if (!(seconds > 0) || !(userCount > 0)) {
  console.error("--seconds and --users must be positive numbers.");
  process.exit(2);
}
const base = target.origin;
const PASSWORD = process.env.LOAD_TEST_PASSWORD ?? "mild-demo";

// ---------- the server (--serve) ----------

type Server = { probe: (action: ProbeRequest["action"]) => Promise<EventLoopDelay>; stop: () => Promise<void> };

/** Starts scripts/serve.ts on --url's port with --db as its database, and waits until it answers. */
async function startServer(): Promise<Server> {
  const database: Record<string, string | undefined> = databasePath.startsWith("postgres")
    ? { DATABASE_URL: databasePath }
    : { DATABASE_PATH: databasePath, DATABASE_URL: undefined };
  const port = target.port || "80";
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, ...database, PORT: port, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`, MILD_EVENT_LOOP_PROBE: "1" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  // Generous: at start the server also runs its background jobs (invitations, alerts), minutes on a large database.
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`The server exited (${exited}) before it answered`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      await exit;
      throw new Error("The server did not answer within 10 minutes");
    }
    try {
      if ((await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(5000) })).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const probe = (action: ProbeRequest["action"]) =>
    new Promise<EventLoopDelay>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("The server did not answer the event-loop probe within 5 minutes")), 300_000);
      const onMessage = (reply: ProbeReply) => {
        if (reply?.probe !== "event-loop" || reply.action !== action) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(reply.delay);
      };
      child.on("message", onMessage);
      child.send({ probe: "event-loop", action } satisfies ProbeRequest);
    });
  const stop = async () => {
    if (exited === undefined) child.kill("SIGTERM");
    await exit;
  };
  return { probe, stop };
}

// ---------- sessions ----------

/** Signs in through next-auth's API (CSRF token, then the credentials callback) and returns the Cookie header. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  keep(response);
  await response.text();
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie: cookieHeader() } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`Could not sign in as ${email} (is this the demo database, password ${PASSWORD}?)`);
  return cookieHeader();
}

// ---------- measurements ----------

type Sample = { ms: number; ok: boolean };
const samples = new Map<string, Sample[]>();
const record = (kind: string, ms: number, ok: boolean) => {
  if (!samples.has(kind)) samples.set(kind, []);
  samples.get(kind)!.push({ ms, ok });
};
const errors: string[] = [];
const noteError = (message: string) => {
  if (errors.length < 50) errors.push(message);
};

// ---------- the writer ----------

const acknowledged: Ack[] = [];
let writeFailures = 0;

async function runWriter(until: number, cookie: string, siteCode: string, email: string, runId: string) {
  let n = 0;
  while (Date.now() < until) {
    n += 1;
    const form = new FormData();
    form.append("procedures", new Blob([writerFile(siteCode, email, n, runId)], { type: "text/csv" }), "procedures.csv");
    const started = performance.now();
    try {
      const response = await fetch(`${base}/api/import?mode=commit`, {
        method: "POST",
        body: form,
        headers: { cookie },
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      const body = (await response.json()) as { committed?: boolean; counts?: { assessments?: { new?: number } }; problems?: { message: string }[] };
      const ok = response.status === 200 && body.committed === true;
      record("write (import commit)", performance.now() - started, ok);
      if (ok) acknowledged.push({ procedureRef: `load-${runId}-proc-${n}`, assessments: body.counts?.assessments?.new ?? 0 });
      else {
        writeFailures += 1;
        noteError(`write ${n}: ${response.status} ${JSON.stringify(body.problems?.slice(0, 2) ?? body)}`);
      }
    } catch (error) {
      writeFailures += 1;
      record("write (import commit)", performance.now() - started, false);
      noteError(`write ${n}: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, writeIntervalMs));
  }
}

// ---------- the readers ----------

type ReaderResult = { requests: number; errors: number; timeouts: number; non2xx: number };

function runReader(cookie: string, role: Role): Promise<ReaderResult> {
  const instance = autocannon({
    url: base,
    connections: 1,
    pipelining: 1,
    duration: seconds,
    timeout: timeoutSeconds,
    headers: { cookie },
    requests: [
      {
        method: "GET",
        // Chosen afresh for every request; the kind stays in the context until the response is recorded.
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          const kind = drawKind(role);
          context.kind = kind;
          return { ...request, path: pathFor(kind) };
        },
      },
    ],
  });
  // autocannon emits `response` before it sets up the next request, so the context still names this one.
  instance.on("response", (client: { requestIterator?: { context?: { kind?: Kind } } }, statusCode: number, _bytes: number, responseTime: number) => {
    const kind = client.requestIterator?.context?.kind ?? "unknown";
    const ok = statusCode >= 200 && statusCode < 300;
    record(kind, responseTime, ok);
    if (!ok) noteError(`${role} ${kind}: HTTP ${statusCode}`);
  });
  instance.on("reqError", (error: Error) => noteError(`${role}: ${error.message}`));
  return new Promise((resolve, reject) => {
    instance.then((result) => resolve({ requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }), reject);
  });
}

// ---------- run ----------

async function main() {
  const server = serve ? await startServer() : null;
  try {
    await run(server);
  } finally {
    await server?.stop();
  }
}

async function run(server: Server | null) {
  const { siteCode, physicians } = await demoAccounts(databasePath);
  if (!siteCode || physicians.length === 0) throw new Error("This does not look like the demo database (no physician1@example.org).");

  // Every fourth user is a quality-officer session; the rest are physicians, each their own account where possible.
  const users: { email: string; role: Role }[] = Array.from({ length: userCount }, (_, i) =>
    i % 4 === 3
      ? { email: "quality@example.org", role: "quality_officer" as const }
      : { email: physicians[Math.floor(i - i / 4) % physicians.length]!, role: "physician" as const },
  );
  console.log(
    `Signing in ${users.length} users (${users.filter((u) => u.role === "physician").length} physicians, ${users.filter((u) => u.role === "quality_officer").length} quality-officer sessions) and the writer at ${base}…`,
  );
  const cookies = await Promise.all(users.map((u) => signIn(u.email)));
  const writerEmail = "physician1@example.org";
  const writerCookie = await signIn(writerEmail);

  const runId = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  console.log(`Running for ${seconds} s: ${users.length} readers back to back, one writer every ${writeIntervalMs} ms…`);
  // One request of each kind first, one at a time: the server's first request of a route loads its code, which is
  // start-up rather than load. Sign-ins and this warm-up are not the run: the event loop is measured from here.
  const officer = users.findIndex((u) => u.role === "quality_officer");
  const warmUp: string[] = [];
  for (const kind of ["list", "dashboard", "quality", "summary", "export"] as const) {
    const cookie = kind === "quality" && officer >= 0 ? cookies[officer]! : cookies[0]!;
    const warmStarted = performance.now();
    // Start-up may take long on a large database: minutes allowed, and said.
    const response = await fetch(`${base}${pathFor(kind)}`, { headers: { cookie }, signal: AbortSignal.timeout(Math.max(timeoutSeconds, 300) * 1000) });
    await response.arrayBuffer();
    warmUp.push(`${kind} ${response.status} in ${Math.round(performance.now() - warmStarted)} ms`);
  }
  console.log(`Warm-up, one request of each kind alone: ${warmUp.join(", ")}.`);
  await server?.probe("reset");
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  const [readerResults] = await Promise.all([
    Promise.all(users.map((u, i) => runReader(cookies[i]!, u.role))),
    runWriter(until, writerCookie, siteCode, writerEmail, runId),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  const eventLoop = server ? await server.probe("read") : null;

  const check = await verifyWrites(databasePath, acknowledged);
  const all = [...samples.values()].flat();
  const readerRequests = readerResults.reduce((s, r) => s + r.requests, 0);
  const transportErrors = readerResults.reduce((s, r) => s + r.errors + r.timeouts, 0);
  const failed = all.filter((s) => !s.ok).length + transportErrors;

  const rows = [...samples.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, list]) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        kind,
        requests: list.length,
        perSecond: list.length / elapsed,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        p99: percentile(ms, 99),
        max: ms.at(-1) ?? NaN,
        errors: list.filter((s) => !s.ok).length,
      };
    });
  const reads = [...samples.entries()]
    .filter(([kind]) => !kind.startsWith("write"))
    .flatMap(([, list]) => list.map((x) => x.ms))
    .sort((a, b) => a - b);
  const readP95 = percentile(reads, 95);
  const report = {
    target: base,
    seconds: Number(elapsed.toFixed(1)),
    users: users.length,
    requests: all.length,
    throughput: Number((all.length / elapsed).toFixed(1)),
    readerThroughput: Number((readerRequests / elapsed).toFixed(1)),
    errors: failed,
    transportErrors,
    kinds: rows.map((r) => ({
      ...r,
      perSecond: Number(r.perSecond.toFixed(2)),
      p50: Number(r.p50.toFixed(1)),
      p95: Number(r.p95.toFixed(1)),
      p99: Number(r.p99.toFixed(1)),
      max: Number(r.max.toFixed(1)),
    })),
    writes: {
      acknowledged: acknowledged.length,
      failed: writeFailures,
      landed: check.landed,
      missing: check.missing,
      assessmentsAcknowledged: check.assessmentsExpected,
      assessmentsFound: check.assessmentsFound,
    },
    auditChain: check.chain,
    reads: {
      requests: reads.length,
      p50: Number(percentile(reads, 50).toFixed(1)),
      p95: Number(readP95.toFixed(1)),
      max: Number((reads.at(-1) ?? NaN).toFixed(1)),
    },
    eventLoop,
    goals: {
      readP95: { goalMs: p95GoalMs, met: readP95 <= p95GoalMs },
      noErrors: { met: failed === 0 },
      eventLoopMax: eventLoop ? { goalMs: EVENT_LOOP_GOAL_MS, met: eventLoop.max <= EVENT_LOOP_GOAL_MS } : null,
    },
    firstErrors: errors.slice(0, 10),
  };

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log("");
  console.log(
    `${seconds} s against ${base}: ${report.requests} requests, ${report.throughput} req/s (readers ${report.readerThroughput} req/s), errors ${report.errors}`,
  );
  console.log(
    `${"kind".padEnd(22)}${pad("requests", 9)}${pad("req/s", 8)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("max ms", 9)}${pad("errors", 8)}`,
  );
  for (const r of report.kinds)
    console.log(
      `${r.kind.padEnd(22)}${pad(r.requests, 9)}${pad(r.perSecond, 8)}${pad(r.p50, 9)}${pad(r.p95, 9)}${pad(r.p99, 9)}${pad(r.max, 9)}${pad(r.errors, 8)}`,
    );
  console.log(
    `${"all reads".padEnd(22)}${pad(report.reads.requests, 9)}${pad("", 8)}${pad(report.reads.p50, 9)}${pad(report.reads.p95, 9)}${pad("", 9)}${pad(report.reads.max, 9)}`,
  );
  console.log(
    eventLoop
      ? `Server event loop over the run (monitorEventLoopDelay, ${eventLoop.samples} samples): max ${eventLoop.max} ms, p99 ${eventLoop.p99} ms, p50 ${eventLoop.p50} ms, mean ${eventLoop.mean} ms.`
      : "Server event loop: not measured (run with --serve to have the test start the server and read its monitorEventLoopDelay).",
  );
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  console.log(
    `Goals: reads p95 ${report.reads.p95} ms ≤ ${p95GoalMs} ms ${verdict(report.goals.readP95.met)}; errors ${report.errors} = 0 ${verdict(report.goals.noErrors.met)}; ` +
      (eventLoop
        ? `event-loop max ${eventLoop.max} ms ≤ ${EVENT_LOOP_GOAL_MS} ms ${verdict(eventLoop.max <= EVENT_LOOP_GOAL_MS)}.`
        : "event loop not measured."),
  );
  console.log(
    `Writes: ${report.writes.acknowledged} acknowledged, ${report.writes.failed} failed; ${report.writes.landed}/${report.writes.acknowledged} found in the database, ${report.writes.assessmentsFound}/${report.writes.assessmentsAcknowledged} assessments.`,
  );
  console.log(`Audit chain: ${check.chain.ok ? "intact" : `BROKEN (${check.chain.reason})`}, ${check.chain.rows} entries.`);
  if (report.firstErrors.length) console.log(`First errors:\n  ${report.firstErrors.join("\n  ")}`);
  if (printJson) console.log(JSON.stringify(report, null, 2));

  const lost = report.writes.landed !== report.writes.acknowledged || report.writes.assessmentsFound !== report.writes.assessmentsAcknowledged;
  if (report.errors > 0 || lost || !check.chain.ok || acknowledged.length === 0) {
    console.log(
      `FAILED: ${[report.errors > 0 && `${report.errors} errors`, lost && "acknowledged writes missing", !check.chain.ok && "audit chain broken", acknowledged.length === 0 && "no write acknowledged"].filter(Boolean).join(", ")}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log("OK: no errors, every acknowledged write landed.");
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * The authorization matrix over HTTP: every page and route handler (discovered from app/, see
 * tests/matrix/discover.ts) × every principal × own / other / missing record, against the running server and
 * its demo database, asserting the exact status (and where a redirect goes). Expectations live in one table,
 * tests/matrix/expectations.ts; a route without an entry, or an entry without a route, fails the first test.
 *
 * No rendering: each principal is an APIRequestContext with the cookie next-auth set when it signed in through
 * the API. The disabled and revoked principals are physician13 and physician14 (no other spec uses them): they
 * sign in first, then the account is disabled or its session version bumped in the database, as the admin
 * screens do, so their cookies are still unexpired but no longer name an active session.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { discoverPagesAndHandlers, coverageProblems } from "../matrix/discover";
import {
  HANDLERS,
  PAGES,
  PRINCIPALS,
  outcomeFor,
  recordKindsOf,
  type HttpEntry,
  type HttpOutcome,
  type HttpProbe,
  type PrincipalKind,
  type RecordKind,
  type RecordType,
} from "../matrix/expectations";
import { openE2eDatabase, type E2eDatabase } from "./database";
import { DEMO_PASSWORD } from "./support";

const MISSING_ID = 99_999_999;
const EMAILS = {
  owner: "physician1@example.org",
  otherPhysician: "physician2@example.org",
  qualityOfficer: "quality@example.org",
  admin: "admin@example.org",
  disabled: "physician13@example.org",
  revoked: "physician14@example.org",
  // The coordinator of physician1's site (North Valley); physician2 works at Riverside.
  coordinator: "coordinator1@example.org",
} as const satisfies Record<Exclude<PrincipalKind, "anonymous">, string>;

// ---- coverage: the table and the source tree agree ----

test("every page and route handler has an entry in tests/matrix/expectations.ts, and every entry a route", () => {
  const { pages, handlers } = discoverPagesAndHandlers();
  const problems = [...coverageProblems("Page", pages, PAGES, "PAGES"), ...coverageProblems("Route handler", handlers, HANDLERS, "HANDLERS")];
  expect(problems, problems.join("\n")).toEqual([]);
  expect(pages.length).toBeGreaterThan(10);
});

// ---- the principals and the records ----

type Ids = Record<RecordType, Record<RecordKind, number>>;
const contexts = {} as Record<PrincipalKind, APIRequestContext>;
let ids: Ids;
let baseURL: string;

async function signIn(ctx: APIRequestContext, email: string) {
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const response = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  expect(response.ok(), `signing in as ${email}`).toBeTruthy();
  // A refused sign-in also answers 200 with a URL carrying ?error=: make sure a session exists.
  const session = await (await ctx.get("/api/auth/session")).json();
  expect(session?.user?.email, `session of ${email}`).toBe(email);
}

/** A complication of this physician's own, created through the import API (audited) when the demo data has none. */
async function ensureComplication(db: E2eDatabase, ctx: APIRequestContext, physicianId: number): Promise<number> {
  const existing = await db.one<{ id: number }>(
    "SELECT c.id FROM complications c JOIN procedures p ON p.id = c.procedure_id WHERE p.physician_id = ? ORDER BY c.id LIMIT 1",
    physicianId,
  );
  if (existing) return existing.id;
  const procedure = (await db.one<{ ref: string; date: string }>(
    "SELECT external_id AS ref, procedure_date AS date FROM procedures WHERE physician_id = ? AND external_id IS NOT NULL ORDER BY id LIMIT 1",
    physicianId,
  ))!;
  const ref = `authz-matrix-${physicianId}`;
  const csv = `complication_ref,procedure_ref,type,onset_date,grade,relatedness,outcome\r\n${ref},${procedure.ref},bleeding,${procedure.date},1,procedure,resolved\r\n`;
  const response = await ctx.post("/api/import?mode=commit", {
    headers: { Origin: baseURL },
    multipart: { complications: { name: "complications.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await db.one<{ id: number }>("SELECT id FROM complications WHERE external_id = ?", ref))!.id;
}

/** A queued message to open at /admin/outbox/[id]: the demo data may have none, and no screen writes one by itself. */
async function ensureOutboxMessage(db: E2eDatabase): Promise<number> {
  const messageId = "<authorization-matrix@mild-outcomes.invalid>";
  const existing = await db.one<{ id: number }>("SELECT id FROM outbox_messages WHERE message_id = ?", messageId);
  if (existing) return existing.id;
  const now = new Date().toISOString();
  await db.run(
    "INSERT INTO outbox_messages (channel, recipient, subject, body_text, kind, message_id, status, attempts, next_attempt_at, created_at, updated_at) VALUES ('email', 'patient@example.org', 'Authorization matrix', 'A message for the matrix', 'test', ?, 'queued', 0, ?, ?, ?)",
    messageId,
    now,
    now,
    now,
  );
  return (await db.one<{ id: number }>("SELECT id FROM outbox_messages WHERE message_id = ?", messageId))!.id;
}

test.describe("authorization matrix over HTTP", () => {
  // Not serial: a failing route must not hide the others. After a failure Playwright starts a new worker and
  // beforeAll runs again, which is why the set-up is idempotent (re-enable, sign in, disable/revoke again).

  test.beforeAll(async ({}, testInfo) => {
    baseURL = testInfo.project.use.baseURL!;
    const db = openE2eDatabase(testInfo);
    try {
      const userId = async (email: string) => (await db.one<{ id: number }>("SELECT id FROM users WHERE email = ?", email))!.id;
      // Idempotent across runs on the same database: the disabled account must be able to sign in first.
      await db.run("UPDATE users SET disabled = false WHERE email = ?", EMAILS.disabled);

      for (const who of PRINCIPALS) {
        contexts[who] = await playwrightRequest.newContext({ baseURL });
        if (who !== "anonymous") await signIn(contexts[who], EMAILS[who]);
      }
      // As setUserDisabled does, minus the session-version bump: this principal tests the `disabled` flag alone.
      await db.run("UPDATE users SET disabled = true, updated_at = ? WHERE email = ?", new Date().toISOString(), EMAILS.disabled);
      // As revokeSessions does: every token issued before is refused.
      await db.run("UPDATE users SET session_version = session_version + 1, updated_at = ? WHERE email = ?", new Date().toISOString(), EMAILS.revoked);

      const owner = await userId(EMAILS.owner);
      const other = await userId(EMAILS.otherPhysician);
      const one = async (sql: string, physician: number) => {
        const row = await db.one<{ id: number }>(sql, physician);
        if (!row) throw new Error(`No record for physician ${physician}: ${sql}`);
        return row.id;
      };
      // Patients are "own" only when nobody else treated them: the other physician must not see them at all.
      const patientOf = (p: number, q: number) =>
        one(
          `SELECT id FROM patients pa WHERE primary_physician_id = ? AND NOT EXISTS (SELECT 1 FROM procedures pr WHERE pr.patient_id = pa.id AND pr.physician_id = ${q}) ORDER BY id LIMIT 1`,
          p,
        );
      const procedureOf = (p: number) => one("SELECT id FROM procedures WHERE physician_id = ? ORDER BY id LIMIT 1", p);
      const assessmentOf = (p: number) =>
        one("SELECT a.id FROM assessments a JOIN procedures pr ON pr.id = a.procedure_id WHERE pr.physician_id = ? ORDER BY a.id LIMIT 1", p);
      const message = await ensureOutboxMessage(db);
      ids = {
        message: { own: message, other: message, missing: MISSING_ID },
        physician: { own: owner, other, missing: MISSING_ID },
        patient: { own: await patientOf(owner, other), other: await patientOf(other, owner), missing: MISSING_ID },
        procedure: { own: await procedureOf(owner), other: await procedureOf(other), missing: MISSING_ID },
        assessment: { own: await assessmentOf(owner), other: await assessmentOf(other), missing: MISSING_ID },
        complication: {
          own: await ensureComplication(db, contexts.owner, owner),
          other: await ensureComplication(db, contexts.otherPhysician, other),
          missing: MISSING_ID,
        },
      };
    } finally {
      await db.close();
    }
  });

  test.afterAll(async ({}, testInfo) => {
    for (const ctx of Object.values(contexts)) await ctx?.dispose();
    // Leave the account usable (its old sessions stay dead); the revoked one needs nothing undone.
    const db = openE2eDatabase(testInfo);
    await db.run("UPDATE users SET disabled = false WHERE email = ?", EMAILS.disabled);
    await db.close();
  });

  async function observe(ctx: APIRequestContext, probe: HttpProbe, id: number | null): Promise<{ status: number; location: string | null; text: string }> {
    const path = id === null ? probe.path : probe.path.replaceAll("{id}", String(id));
    const headers: Record<string, string> = {};
    if (probe.crossSite) headers.Origin = "https://attacker.example";
    else if (probe.method === "POST") headers.Origin = baseURL;
    const options = { maxRedirects: 0, headers, failOnStatusCode: false } as const;
    const form = probe.form && Object.fromEntries(Object.entries(probe.form).map(([k, v]) => [k, id === null ? v : v.replaceAll("{id}", String(id))]));
    const payload = probe.body === "empty-import" ? { multipart: { note: "authorization matrix: no files" } } : form ? { form } : {};
    const response = probe.method === "POST" ? await ctx.post(path, { ...options, ...payload }) : await ctx.get(path, options);
    const location = response.headers()["location"] ?? null;
    // A JSON or CSV body explains a refusal; an HTML page's start says nothing, so it is left out of messages.
    const body = await response.text();
    const text = body.trimStart().startsWith("<") ? "" : body.slice(0, 200);
    return { status: response.status(), location: location && new URL(location, baseURL).pathname + new URL(location, baseURL).search, text };
  }

  function matches(outcome: HttpOutcome, seen: { status: number; location: string | null }): boolean {
    const redirect = [302, 303, 307].includes(seen.status);
    if (outcome === "login") return redirect && (seen.location === "/login" || Boolean(seen.location?.startsWith("/login?")));
    if (outcome.startsWith("redirect:")) {
      const target = outcome.slice("redirect:".length);
      return redirect && (target === "/" ? seen.location === "/" : Boolean(seen.location?.startsWith(target)));
    }
    return seen.status === Number(outcome);
  }

  type Row = { key: string; variant: string | null; entry: Pick<HttpEntry, "record" | "probe" | "expect"> };
  const rows: Row[] = [...Object.entries(PAGES), ...Object.entries(HANDLERS)].flatMap(([key, entry]) => [
    { key, variant: null, entry },
    ...Object.entries(entry.variants ?? {}).map(([variant, v]) => ({ key, variant, entry: { record: entry.record, probe: v.probe, expect: v.expect } })),
  ]);

  for (const row of rows) {
    test(`${row.key}${row.variant ? ` (${row.variant})` : ""}`, async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const who of PRINCIPALS) {
        const takesRecord = row.entry.probe.path.includes("{id}") || Object.values(row.entry.probe.form ?? {}).some((v) => v.includes("{id}"));
        const kinds = takesRecord ? recordKindsOf(row.entry.record) : [null];
        for (const kind of kinds) {
          const expected = outcomeFor(row.entry.expect[who], kind);
          const id = kind === null || row.entry.record === null ? null : ids[row.entry.record][kind];
          const seen = await observe(contexts[who], row.entry.probe, id);
          checked += 1;
          if (!matches(expected, seen)) {
            failures.push(
              `${who}${kind ? ` on ${kind} ${row.entry.record} ${id}` : ""}: expected ${expected}, got ${seen.status}${seen.location ? ` → ${seen.location}` : ""} ${seen.text.replace(/\s+/g, " ").slice(0, 160)}`,
            );
          }
        }
      }
      test.info().annotations.push({ type: "assertions", description: String(checked) });
      expect(failures, `${row.key}${row.variant ? ` (${row.variant})` : ""}:\n${failures.join("\n")}`).toEqual([]);
    });
  }
});

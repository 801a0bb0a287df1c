/**
 * Input hardening of every DAL write function, through the DAL on a real temp database: hostile inputs (and
 * hostile ids) from a principal who may write must end in the write or in a clear refusal — ValidationError or
 * ZodError with messages, NotFound, Forbidden, or one of the DAL's named refusals — never another exception, and
 * a refusal must leave every table and the audit log exactly as they were (no partial write). A write that goes
 * through must come with its audit row. Which functions write is found in the source: a new one without a
 * property here (or a reason to leave it out) fails the first test.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { count, eq, max } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  assessments,
  auditLog,
  complicationNotes,
  complications,
  patients,
  procedures,
  sessions,
  signInAttempts,
  sites,
  totpCredentials,
  users,
} from "@/db/schema";
import { adjudicateComplication, answerInformationRequest } from "@/lib/dal/records/adjudication";
import {
  createSite,
  createUser,
  DuplicateSiteCodeError,
  resetPassword,
  revokeSessions,
  SelfLockoutError,
  setUserDisabled,
  updateSite,
  updateUser,
} from "@/lib/dal/admin/admin";
import { createAssessment, updateAssessment } from "@/lib/dal/records/assessments";
import { authenticate, SignInThrottledError } from "@/lib/dal/auth/authentication";
import { reportComplication, updateComplication } from "@/lib/dal/records/complications";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { createPatient, updatePatient } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { createProcedure, updateProcedure } from "@/lib/dal/records/procedures";
import { totpCodeAt } from "@/lib/auth/totp";
import { confirmTotpEnrolment, resetTotp, startTotpEnrolment } from "@/lib/dal/auth/totp";
import { createAccount, DuplicateEmailError } from "@/lib/dal/admin/users";
import { signInCredentialsSchema } from "@/lib/validation/auth";
import { fillFromBase, hostileId, hostileShape, hostileString } from "../matrix/hostile";
import { insertSite, insertUser, insertWriteTargets, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const { db } = await tempDatabaseForFile("dal-writes-refuse-hostile-input");

const RUNS = { numRuns: 100 };
/** bcrypt at cost 12 is a quarter of a second per hash: fewer runs where most calls hash a password. */
const BCRYPT_RUNS = { numRuns: 30 };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let doc: Principal;
let qo: Principal;
let admin: Principal;
let siteId: number;
let seq = 0;

beforeAll(async () => {
  siteId = (await insertSite(db, "HD")).id;
  doc = principalOf(await insertUser(db, "physician", { siteId }));
  qo = principalOf(await insertUser(db, "quality_officer"));
  admin = principalOf(await insertUser(db, "admin"));
});

const TABLES = {
  patients,
  procedures,
  assessments,
  complications,
  complicationNotes,
  users,
  sites,
  totpCredentials,
  sessions,
  signInAttempts,
  auditLog,
} as const;

/**
 * Enough to see any write: every table's row count (an insert or delete), the newest `updated_at` of the tables
 * that have one (an update anywhere), and the target records and people in full (an update to them).
 */
async function snapshot(own?: Own) {
  const n = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table))[0].n;
  const newest = async (table: typeof patients | typeof procedures | typeof assessments | typeof complications | typeof users) =>
    (await db.select({ at: max(table.updatedAt) }).from(table))[0].at;
  const row = async (table: SQLiteTable & { id: SQLiteColumn }, id: number) => (await db.select().from(table).where(eq(table.id, id)))[0];
  const counts: Record<string, number> = {};
  for (const [k, table] of Object.entries(TABLES)) counts[k] = await n(table);
  const newestAt = [];
  for (const table of [patients, procedures, assessments, complications, users]) newestAt.push(await newest(table));
  const targets = [];
  if (own) {
    const records: [SQLiteTable & { id: SQLiteColumn }, number][] = [
      [patients, own.patient.id],
      [procedures, own.procedure.id],
      [assessments, own.assessment.id],
      [complications, own.complication.id],
      [users, own.user.id],
      [sites, own.site.id],
      ...[doc, qo, admin].map((p): [typeof users, number] => [users, p.id]),
    ];
    for (const [table, id] of records) targets.push(await row(table, id));
  }
  return { audit: await n(auditLog), counts, newest: newestAt, targets: own ? JSON.stringify(targets) : "" };
}

/** Records of the physician's own, fresh for each run so one run's write does not change the next one's target. */
function ownRecords() {
  return insertWriteTargets(db, doc, siteId, { procedureDate: daysAgo(300), assessedOn: daysAgo(200), onsetDate: daysAgo(290) }, { mrn: `HD-${++seq}` });
}
type Own = Awaited<ReturnType<typeof ownRecords>>;

// Valid inputs, so most runs keep the other fields right and reach the deeper rules (dates against the
// procedure, duplicates, references to other records).
const patientInput = () => ({
  siteId: String(siteId),
  mrn: `HDN-${++seq}`,
  name: "Hostile Test",
  dateOfBirth: "1950-01-02",
  sex: "male",
  diagnosis: "stenosis",
});
const procedureInput = (o: Own) => ({
  patientId: o.patient.id,
  siteId,
  procedureDate: daysAgo(250),
  levels: ["L4-L5"],
  side: "bilateral",
  anaesthesia: "local",
});
const assessmentInput = (o: Own) => ({ procedureId: o.procedure.id, timepoint: "unscheduled", assessedOn: daysAgo(100), nprsBack: "3" });
const complicationInput = (o: Own) => ({
  procedureId: o.procedure.id,
  type: "hematoma",
  onsetDate: daysAgo(280),
  grade: "2",
  relatedness: "procedure",
  outcome: "resolved",
});

type WriteCase = {
  /** `module.ts:function`, matched against the functions found in lib/dal. */
  fn: string;
  base: (o: Own, prepared: Record<string, unknown>) => Record<string, unknown>;
  run: (o: Own, input: unknown) => Promise<unknown>;
  /** Whether a successful call always adds an audit row (false where "nothing changed" is a valid success). */
  audited: boolean;
  /** For parameters typed as a string (not `unknown`): inputs outside the type are left out. */
  accepts?: (input: unknown) => boolean;
  /** Set-up before the snapshot (e.g. a pending TOTP enrolment); its result reaches `base`. */
  prepare?: (o: Own) => Promise<Record<string, unknown>>;
  runs?: { numRuns: number };
};

const CASES: WriteCase[] = [
  { fn: "records/patients.ts:createPatient", base: patientInput, run: (_o, i) => createPatient(doc, i), audited: true },
  { fn: "records/patients.ts:updatePatient", base: patientInput, run: (o, i) => updatePatient(doc, o.patient.id, i), audited: true },
  { fn: "records/procedures.ts:createProcedure", base: procedureInput, run: (_o, i) => createProcedure(doc, i), audited: true },
  { fn: "records/procedures.ts:updateProcedure", base: procedureInput, run: (o, i) => updateProcedure(doc, o.procedure.id, i), audited: true },
  { fn: "records/assessments.ts:createAssessment", base: assessmentInput, run: (_o, i) => createAssessment(doc, i), audited: true },
  { fn: "records/assessments.ts:updateAssessment", base: assessmentInput, run: (o, i) => updateAssessment(doc, o.assessment.id, i), audited: true },
  { fn: "records/complications.ts:reportComplication", base: complicationInput, run: (_o, i) => reportComplication(doc, i), audited: true },
  { fn: "records/complications.ts:updateComplication", base: complicationInput, run: (o, i) => updateComplication(doc, o.complication.id, i), audited: true },
  {
    fn: "records/adjudication.ts:adjudicateComplication",
    base: () => ({ decision: "needs_info", reason: "Which level?" }),
    run: (o, i) => adjudicateComplication(qo, o.complication.id, i),
    audited: true,
  },
  {
    fn: "records/adjudication.ts:answerInformationRequest",
    base: () => ({ answer: "L4-L5" }),
    run: (o, i) => answerInformationRequest(doc, o.complication.id, i),
    audited: true,
  },
  {
    fn: "admin/admin.ts:createUser",
    base: () => ({ email: `hd${++seq}@test.example`, name: "New Person", role: "physician", password: "long enough 1", siteId: "" }),
    run: (_o, i) => createUser(admin, i),
    audited: true,
    runs: BCRYPT_RUNS,
  },
  {
    fn: "admin/users.ts:createAccount",
    base: () => ({ email: `hds${++seq}@test.example`, name: "First Admin", role: "admin", password: "long enough 1", siteId: null }),
    run: (_o, i) => createAccount({ role: "system", label: "hardening test" }, i),
    audited: true,
    runs: BCRYPT_RUNS,
  },
  {
    fn: "admin/admin.ts:updateUser",
    base: () => ({ name: `Renamed ${++seq}`, role: "physician", siteId: "" }),
    run: (o, i) => updateUser(admin, o.user.id, i),
    audited: false,
  },
  { fn: "admin/admin.ts:createSite", base: () => ({ code: `HD${++seq}`, name: "A site" }), run: (_o, i) => createSite(admin, i), audited: true },
  { fn: "admin/admin.ts:updateSite", base: () => ({ name: `Renamed site ${++seq}` }), run: (o, i) => updateSite(admin, o.site.id, i), audited: false },
  // Not objects: the value itself is the input.
  {
    fn: "admin/admin.ts:resetPassword",
    base: () => ({ password: "a long new password" }),
    run: (o, i) => resetPassword(admin, o.user.id, (i as { password?: unknown })?.password as string),
    audited: true,
    runs: BCRYPT_RUNS,
  },
  {
    fn: "admin/admin.ts:setUserDisabled",
    base: () => ({ disabled: true }),
    run: (o, i) => setUserDisabled(admin, o.user.id, (i as { disabled?: unknown })?.disabled as boolean),
    audited: false,
  },
  {
    fn: "auth/totp.ts:confirmTotpEnrolment",
    prepare: async () => {
      const { secret } = await startTotpEnrolment(doc);
      return { code: totpCodeAt(secret) };
    },
    base: (_o, prepared) => ({ code: prepared.code }),
    run: (_o, i) => confirmTotpEnrolment(doc, (i as { code: string }).code),
    // `code: string`: its action parses the form with zod first, so only strings arrive; any string must be safe.
    accepts: (i) => typeof (i as { code?: unknown } | null)?.code === "string",
    audited: true,
  },
];

/** Functions taking an id: the id is hostile, the rest valid. */
const ID_CASES: { fn: string; run: (o: Own, id: unknown) => Promise<unknown>; runs?: { numRuns: number } }[] = [
  { fn: "updatePatient", run: (_o, id) => updatePatient(doc, id as number, patientInput()) },
  { fn: "updateProcedure", run: (o, id) => updateProcedure(doc, id as number, procedureInput(o)) },
  { fn: "updateAssessment", run: (o, id) => updateAssessment(doc, id as number, assessmentInput(o)) },
  { fn: "updateComplication", run: (o, id) => updateComplication(doc, id as number, complicationInput(o)) },
  { fn: "createProcedure (patientId)", run: (o, id) => createProcedure(doc, { ...procedureInput(o), patientId: id }) },
  { fn: "createAssessment (procedureId)", run: (o, id) => createAssessment(doc, { ...assessmentInput(o), procedureId: id }) },
  { fn: "adjudicateComplication", run: (_o, id) => adjudicateComplication(qo, id as number, { decision: "needs_info", reason: "?" }) },
  { fn: "answerInformationRequest", run: (_o, id) => answerInformationRequest(doc, id as number, { answer: "!" }) },
  { fn: "updateUser", run: (_o, id) => updateUser(admin, id as number, { name: "X", role: "physician", siteId: null }) },
  { fn: "setUserDisabled", run: (_o, id) => setUserDisabled(admin, id as number, true) },
  { fn: "resetPassword", run: (_o, id) => resetPassword(admin, id as number, "a long new password"), runs: BCRYPT_RUNS },
  { fn: "revokeSessions", run: (_o, id) => revokeSessions(admin, id as number) },
  { fn: "updateSite", run: (_o, id) => updateSite(admin, id as number, { name: `S ${++seq}` }) },
  { fn: "resetTotp", run: (_o, id) => resetTotp(admin, id as number) },
];

/**
 * Write functions deliberately without an input property here, and why. Anything else found in lib/dal that
 * writes must be in CASES or ID_CASES.
 */
const NOT_HERE: Record<string, string> = {
  "outcomes/versionedCache.ts:versioned": "writes nothing: its `.delete(` is an in-memory Map's (the computation waiting for a view)",
  "csv/importRecords.ts:commitImport": "tests/integration/csv-import-refuses-hostile-files.test.ts (CSV files in, dry run and commit)",
  "csv/importWrite.ts:writeImportPlan": "internal to commitImport's transaction: takes a plan already checked by resolveImport",
  "records/auditedWrite.ts:insertAudited": "internal to the record writes above (createPatient, createProcedure, …): takes values their schemas checked",
  "records/auditedWrite.ts:deleteAudited": "internal to setFollowUpStatus (active again): deletes a row it read itself",
  "admin/users.ts:setCoordinatorSites": "internal to createAccount and updateUser, whose schemas check the site ids (their cases above)",
  "records/auditedWrite.ts:updateAudited": "internal to the record writes above (updatePatient, updateProcedure, …): takes values their schemas checked",
  "auth/authentication.ts:authenticate": "below: a failed sign-in is recorded by design, so its property is its own",
  "auth/authentication.ts:recordSignOut": "called by next-auth with the signed token's own claims, never with user input",
  "auth/sessionRows.ts:insertSession": "server-generated session ids inside the sign-in transaction",
  "auth/sessionRows.ts:purgeDeadSessions": "no input (a clock)",
  "auth/sessionRows.ts:checkSession": "reads the signed token's session id; the token cannot be forged without the secret",
  "auth/sessionRows.ts:endSession": "the signed token's session id on sign-out",
  "auth/sessionRows.ts:endOtherSessions": "internal to signOutOtherSessions and the TOTP changes",
  "auth/sessionRows.ts:signOutOtherSessions": "no input beyond the principal and its own session id",
  "auth/totp.ts:startTotpEnrolment": "no input beyond the principal",
  "auth/totp.ts:cancelTotpEnrolment": "no input beyond the principal",
  "auth/totp.ts:disableTotp": "a wrong password or code is recorded as a failed sign-in by design (tests/integration/totp.test.ts)",
  "auth/totp.ts:acceptSignInCode": "internal to authenticate: the step of a code already verified",
  "admin/admin.ts:revokeSessions": "takes only an id: ID_CASES",
  "auth/totp.ts:resetTotp": "takes only an id: ID_CASES",
  "messaging/outbox.ts:queueMessage":
    "tests/integration/outbox-admin.test.ts (hostile message fields: a field message and no row, or the row); its audit row is the caller's, whose transaction it joins",
  "invitations/invitationMessages.ts:queueInvitationMessage": "internal to the scheduler and sendInvitationNow: a message built from stored rows",
  "invitations/linkThrottle.ts:recordLinkAttempt": "internal to the patient-link functions: the throttle's row of an address",
  "invitations/patientLink.ts:openInvitationLink":
    "takes only a token: tests/integration/patient-link.test.ts (random, truncated, altered, empty, huge: the same answer, nothing written)",
  "invitations/patientLink.ts:optOutByLink": "takes only a token: tests/integration/patient-link.test.ts, as openInvitationLink",
  "invitations/patientLink.ts:submitInvitationAnswers": "tests/integration/patient-link.test.ts (hostile answers: a message on the question, nothing written)",
  "invitations/scheduler.ts:createInvitation": "internal to the scheduler and the staff sends: a key and a procedure already checked",
  "invitations/staffInvitations.ts:invitationLetter":
    "takes an id and a questionnaire key: tests/integration/invitations-staff.test.ts (refused keys, windows, roles)",
  "invitations/staffInvitations.ts:sendInvitationNow":
    "takes an id and a questionnaire key: tests/integration/invitations-staff.test.ts (refused keys, windows, roles)",
  "alerts/alerts.ts:markAlertsRead": "tests/integration/alerts.test.ts (anything but a list of ids or `all` is refused; another user's ids change nothing)",
  "reports/physicianReport.ts:auditReport":
    "internal to the report-card routes: the audit row of a request whose parameters the route parsed (tests/integration/report-card.test.ts: refused parameters write no row)",
  "outcomes/versionedCache.ts:keptByKey": "writes no row: an in-memory map of computed figures and counts (tests/integration/outcome-cache.test.ts)",
  "alerts/raiseAlert.ts:raiseAlert": "internal to the report and the alert checks: a draft built from stored rows",
  "alerts/seriousComplication.ts:alertIfSerious": "internal to reportComplication and updateComplication: the row they just wrote",
  "alerts/alertChecks.ts:runAlertChecks": "no input beyond the clock",
  "messaging/outboxDelivery.ts:claimDueMessages": "no input beyond the drainer's clock and its own claim token",
  "messaging/outboxDelivery.ts:recordDeliveryOutcomes": "internal to the drainer: the outcomes of the messages it claimed",
};

/** The exported functions of lib/dal whose bodies write (a transaction, an insert, update or delete, or an audit row). */
function writeFunctions(): string[] {
  const dir = path.join(process.cwd(), "lib/dal");
  const out: string[] = [];
  for (const file of fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (!ts.isFunctionDeclaration(st) || !st.name || !(ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (/\.(transaction|insert|update|delete)\(|appendAudit\(|createAccount\(/.test(st.getText(sf))) out.push(`${file}:${st.name.text}`);
    }
  }
  return out.sort();
}

const NAMED_REFUSALS = [ValidationError, ZodError, NotFoundError, ForbiddenError, DuplicateEmailError, DuplicateSiteCodeError, SelfLockoutError] as const;

/** A refusal the user can read: one of the named kinds, with words in it. */
function checkRefusal(error: unknown, context: string) {
  const known = NAMED_REFUSALS.some((kind) => error instanceof kind);
  expect(known, `${context}: unexpected ${(error as Error)?.name}: ${(error as Error)?.message}`).toBe(true);
  if (error instanceof ValidationError) {
    expect(Object.keys(error.fieldErrors).length, context).toBeGreaterThan(0);
    for (const messages of Object.values(error.fieldErrors))
      expect(
        messages.every((m) => typeof m === "string" && m.trim().length > 0),
        context,
      ).toBe(true);
  } else if (error instanceof ZodError) {
    expect(
      error.issues.every((i) => i.message.trim().length > 0),
      context,
    ).toBe(true);
  } else expect((error as Error).message.trim().length, context).toBeGreaterThan(0);
}

/**
 * Findings of this suite, since fixed (each has a test below that would fail again):
 *  1. a null input to the record schemas threw a TypeError instead of a ValidationError;
 *  2. ids were bound straight into SQL, so a boolean, object, array or huge bigint crashed the driver — the DAL
 *     now answers "not found" for anything but a positive whole number (lib/dal/parse.ts recordId);
 *  3. text led by a NUL byte passed zod but failed the database CHECKs (SQLite's length() stops at NUL) — the
 *     text fields now refuse control characters with a field message.
 * setUserDisabled refuses a non-boolean with a TypeError by design ("disabled must be true or false"): its action
 * always passes a boolean from zod, so it is a programmer-error guard; accepted here by its message.
 */
const NULL_INPUT_CASES = new Set([
  "records/procedures.ts:createProcedure",
  "records/procedures.ts:updateProcedure",
  "records/assessments.ts:createAssessment",
  "records/assessments.ts:updateAssessment",
  "records/complications.ts:reportComplication",
  "records/complications.ts:updateComplication",
]);
const isDisabledGuard = (fn: string, error: unknown) =>
  fn === "admin/admin.ts:setUserDisabled" && error instanceof TypeError && error.message === "disabled must be true or false";

describe("every DAL write function is under a hardening property", () => {
  it("finds the write functions in lib/dal, and each has a property here or a reason not to", () => {
    const covered = new Set([...CASES.map((c) => c.fn), ...Object.keys(NOT_HERE)]);
    const missing = writeFunctions().filter((f) => !covered.has(f));
    expect(missing, `DAL write functions without a hardening property: ${missing.join(", ")}`).toEqual([]);
    expect(writeFunctions().length).toBeGreaterThan(20);
  });
});

describe("hostile input to each write function: the write, or a clear refusal that writes nothing", () => {
  it.each(CASES.map((c) => [c.fn, c] as const))("%s", async (_name, c) => {
    const keys = Object.keys(c.base(await ownRecords(), { code: "" }));
    const attempt = async (own: Own, input: (prepared: Record<string, unknown>) => unknown, strict: boolean) => {
      await db.delete(totpCredentials);
      const prepared = (await c.prepare?.(own)) ?? {};
      const value = input(prepared);
      const before = await snapshot(own);
      try {
        await c.run(own, value);
        if (c.audited) expect((await snapshot(own)).audit, `${c.fn}: a write without its audit row`).toBe(before.audit + 1);
        return "written";
      } catch (error) {
        if (strict) throw error;
        if (!isDisabledGuard(c.fn, error)) checkRefusal(error, `${c.fn}(${preview(value)})`);
        expect(await snapshot(own), `${c.fn}: refused, but something was written`).toEqual(before);
        return "refused";
      }
    };
    await fc.assert(
      fc.asyncProperty(hostileShape(keys), async (shape) => {
        const own = await ownRecords();
        fc.pre(!c.accepts || c.accepts(fillFromBase(shape, { code: "" })));
        await attempt(own, (prepared) => fillFromBase(shape, c.base(own, prepared)), false);
      }),
      c.runs ?? RUNS,
    );
    // The valid example itself must go through, or the property would only ever have seen refusals.
    const own = await ownRecords();
    expect(await attempt(own, (prepared) => c.base(own, prepared), true)).toBe("written");
  });

  it.each([...NULL_INPUT_CASES])("%s refuses a null input with a named refusal", async (fn) => {
    const c = CASES.find((x) => x.fn === fn)!;
    await c.run(await ownRecords(), null).then(
      () => expect.unreachable("a null input was accepted"),
      (error) => checkRefusal(error, fn),
    );
  });
});

describe("text led by a NUL byte is refused with a field error, not a CHECK constraint failure", () => {
  it.each([
    ["createPatient (MRN)", () => createPatient(doc, { ...patientInput(), mrn: "\u0000MRN" })],
    [
      "reportComplication (description of other)",
      async () => reportComplication(doc, { ...complicationInput(await ownRecords()), type: "other", typeOther: "\u0000x" }),
    ],
    [
      "adjudicateComplication (reason)",
      async () => adjudicateComplication(qo, (await ownRecords()).complication.id, { decision: "needs_info", reason: "\u0000?" }),
    ],
    ["answerInformationRequest (answer)", async () => answerInformationRequest(doc, (await ownRecords()).complication.id, { answer: " \u0000" })],
  ] as const)("%s", async (_name, call) => {
    await expect(call()).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("hostile ids: not found (or the write, for an id that names an own record), never a driver error", () => {
  it.each(ID_CASES.map((c) => [c.fn, c] as const))("%s", async (_name, c) => {
    await fc.assert(
      fc.asyncProperty(hostileId, async (id) => {
        const own = await ownRecords();
        const before = await snapshot(own);
        try {
          await c.run(own, id);
        } catch (error) {
          checkRefusal(error, `${c.fn}(${preview(id)})`);
          expect(await snapshot(own), `${c.fn}: refused, but something was written`).toEqual(before);
        }
      }),
      c.runs ?? RUNS,
    );
  });

  it.each([
    ["updatePatient", "true", true],
    ["updatePatient", "{}", {}],
    ["updateProcedure", "[]", []],
    ["revokeSessions", "[1, 2]", [1, 2]],
    ["resetTotp", "a Date", new Date()],
    ["updateSite", "2n ** 70n", 2n ** 70n],
  ] as const)("%s with the id %s answers not found", async (fn, _label, id) => {
    const c = ID_CASES.find((x) => x.fn === fn)!;
    await expect(c.run(await ownRecords(), id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("sign-in with hostile credentials", () => {
  it("answers null (or throttled) for anything the credentials schema lets through, recording one failed attempt each", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString,
          hostileString.map((s) => `${s}@example.org`),
        ),
        hostileString,
        fc.constantFrom(null, "192.0.2.1", "2001:db8::1"),
        async (email, password, address) => {
          const parsed = signInCredentialsSchema.safeParse({ email, password });
          fc.pre(parsed.success);
          const attempts = (await db.select({ n: count() }).from(signInAttempts))[0].n;
          try {
            expect(await authenticate(parsed.data!.email, parsed.data!.password, address)).toBeNull();
            expect((await db.select({ n: count() }).from(signInAttempts))[0].n).toBe(attempts + 1);
          } catch (error) {
            expect(error).toBeInstanceOf(SignInThrottledError);
          }
        },
      ),
      // Each wrong password costs a bcrypt comparison (cost 12).
      { numRuns: 15 },
    );
  });

  it("never signs in a user whose email is a hostile near-miss of a real one", async () => {
    const real = await insertUser(db, "physician", { email: "near.miss@test.example" });
    for (const email of [
      " near.miss@test.example",
      "NEAR.MISS@test.example",
      "near.miss@test.example\u0000",
      "near.miss@test.example' --",
      "near\u202Emiss@test.example",
    ]) {
      const parsed = signInCredentialsSchema.safeParse({ email, password: "not-a-real-hash" });
      if (!parsed.success) continue;
      const user = await authenticate(parsed.data.email, parsed.data.password, null).catch(() => null);
      expect(user === null || (user as { id: number }).id === real.id).toBe(true);
    }
    // The stored row is untouched.
    expect((await db.select().from(users).where(eq(users.id, real.id)))[0].email).toBe("near.miss@test.example");
  });
});

function preview(v: unknown): string {
  try {
    const s = typeof v === "bigint" ? `${v}n` : JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
    return (s ?? String(v)).slice(0, 120);
  } catch {
    return String(v).slice(0, 120);
  }
}

/**
 * The authorization matrix over every server action: each action (discovered from the "use server" files, see
 * tests/matrix/discover.ts) × every principal × own / other / missing record, called in-process as Next would
 * call it — FormData in, bound id first — with the real DAL on a temp database behind it. Outcomes come from
 * the one table of actions, tests/matrix/actionExpectations.ts. A refusal must write nothing: every table's row count and the
 * audit log are compared before and after.
 *
 * Only the transport is stood in for: requirePrincipal reads the principal from session-token claims through
 * the real principalFromClaims (so a disabled account or a bumped session version is refused exactly as in the
 * app) and, with no principal, throws where the app would redirect to /login; next/cache and next/navigation
 * are inert (a redirect is recorded as the action's success).
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  assessments,
  auditLog,
  complicationNotes,
  complications,
  invitations,
  outboxMessages,
  patients,
  procedures,
  sessions,
  sites,
  totpCredentials,
  users,
} from "@/db/schema";
import { openTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { discoverServerActions } from "../matrix/discover";
import { PRINCIPALS, outcomeFor, recordKindsOf, type PrincipalKind, type RecordKind } from "../matrix/expectations";
import { ACTIONS } from "../matrix/actionExpectations";
import { assessmentForm, complicationForm, daysAgo, form, outcomeOf, patientForm, procedureForm } from "../matrix/actionForms";
import { insertCoordinator, insertSite, insertUser, insertWriteTargets } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const signals = vi.hoisted(() => {
  class SignInRequired extends Error {
    constructor() {
      super("redirect to /login");
    }
  }
  class Redirected extends Error {
    constructor(public readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  const state: { claims: { id: number; sv: number; signedInAt: number } | null } = { claims: null };
  return { SignInRequired, Redirected, state };
});

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new signals.Redirected(url);
  },
  notFound: () => {
    throw new Error("notFound() called from an action");
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1", "user-agent": "actions-matrix" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("@/lib/dal/auth/currentPrincipal", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/dal/auth/currentPrincipal")>();
  const current = async () => (signals.state.claims ? real.principalFromClaims(signals.state.claims) : null);
  return {
    ...real,
    getPrincipal: current,
    getSessionId: async () => null,
    requirePrincipal: async () => {
      const principal = await current();
      if (!principal) throw new signals.SignInRequired();
      return principal;
    },
  };
});

const { db } = await tempDatabaseForFile("actions-matrix");

const MISSING = 99_999_999;
let seq = 0;
const next = () => ++seq;

type UserRow = typeof users.$inferSelect;
const people = {} as Record<Exclude<PrincipalKind, "anonymous">, UserRow>;
let siteId = 0;
/** The other physician's site: the coordinator works for the owner's site only. */
let otherSiteId = 0;

beforeAll(async () => {
  siteId = (await insertSite(db, "AM")).id;
  otherSiteId = (await insertSite(db, "AM2")).id;
  people.owner = await insertUser(db, "physician", { siteId });
  people.otherPhysician = await insertUser(db, "physician", { siteId: otherSiteId });
  people.coordinator = await insertCoordinator(db, [siteId]);
  people.qualityOfficer = await insertUser(db, "quality_officer");
  people.admin = await insertUser(db, "admin");
  // Signed in while active; then disabled (flag only) or revoked (session version bumped), as the admin screens do.
  people.disabled = await insertUser(db, "physician", { siteId });
  people.revoked = await insertUser(db, "physician", { siteId });
});

async function claimsOf(who: PrincipalKind) {
  if (who === "anonymous") return null;
  const claims = { id: people[who].id, sv: people[who].sessionVersion, signedInAt: Date.now() };
  if (who === "disabled") await db.update(users).set({ disabled: true }).where(eq(users.id, people.disabled.id));
  if (who === "revoked")
    await db
      .update(users)
      .set({ sessionVersion: people.revoked.sessionVersion + 1 })
      .where(eq(users.id, people.revoked.id));
  return claims;
}

/** Fresh records for one call: one set of the owner's, one of the other physician's. */
async function freshWorld() {
  const recordsOf = async (doc: UserRow) => {
    const siteId = doc.siteId!;
    // Consenting, with an address: a questionnaire can be sent by hand (its 6-month window is open at day 200).
    return insertWriteTargets(
      db,
      doc,
      siteId,
      { procedureDate: daysAgo(200), assessedOn: daysAgo(150), onsetDate: daysAgo(190) },
      {
        email: `patient${next()}@example.org`,
        contactConsentAt: new Date(Date.now() - 86_400_000).toISOString(),
        contactConsentBy: doc.id,
        contactConsentVersion: "2026-12-v1",
      },
    );
  };
  return { own: await recordsOf(people.owner), other: await recordsOf(people.otherPhysician) };
}
type World = Awaited<ReturnType<typeof freshWorld>>;

// How to call each action with valid input for one record kind. An action without an invoker fails its test.
type Target = { kind: RecordKind | null; world: World };
const idOf = (tg: Target, pick: (r: World["own"]) => { id: number }) => (tg.kind === "missing" || tg.kind === null ? MISSING : pick(tg.world[tg.kind]).id);
/** The record the missing id "belongs" to when the input needs a consistent parent: the owner's. */
const parentOf = (tg: Target) => tg.world[tg.kind === "other" ? "other" : "own"];
type Invoke = (mod: Record<string, (...args: unknown[]) => Promise<unknown>>, name: string, tg: Target) => Promise<unknown>;
type Fields = Record<string, string | string[]>;
/** An action bound to a record's id (as its page binds it), posted with these fields. */
const boundTo =
  (record: keyof World["own"], fields: (tg: Target) => Fields): Invoke =>
  (m, n, tg) =>
    m[n]!(
      idOf(tg, (r) => r[record]),
      null,
      form(fields(tg)),
    );
/** An admin action: the record's id travels in the form's `id` field, beside these fields. */
const idInForm =
  (record: keyof World["own"], fields: () => Fields = () => ({})): Invoke =>
  (m, n, tg) =>
    m[n]!(null, form({ id: String(idOf(tg, (r) => r[record])), ...fields() }));
const INVOKERS: Record<string, Invoke> = {
  createPatientAction: (m, n) => m[n]!(null, form(patientForm(siteId, next(), people.owner.id))),
  updatePatientAction: boundTo("patient", () => patientForm(siteId, next(), people.owner.id)),
  createProcedureAction: (m, n, tg) =>
    m[n]!(
      null,
      form(
        procedureForm(
          siteId,
          idOf(tg, (r) => r.patient),
          people.owner.id,
        ),
      ),
    ),
  updateProcedureAction: boundTo("procedure", (tg) => procedureForm(siteId, parentOf(tg).patient.id, people.owner.id)),
  createAssessmentAction: (m, n, tg) => m[n]!(null, form(assessmentForm(idOf(tg, (r) => r.procedure)))),
  updateAssessmentAction: boundTo("assessment", (tg) => assessmentForm(parentOf(tg).procedure.id)),
  sendInvitationAction: boundTo("procedure", () => ({ key: "follow_up:month_6" })),
  reportComplicationAction: (m, n, tg) => m[n]!(null, form(complicationForm(idOf(tg, (r) => r.procedure)))),
  updateComplicationAction: boundTo("complication", (tg) => complicationForm(parentOf(tg).procedure.id)),
  recordContactAttemptAction: boundTo("procedure", () => ({ attemptedOn: daysAgo(10), channel: "phone", outcome: "no_answer" })),
  setFollowUpStatusAction: boundTo("procedure", () => ({ status: "withdrawn", statusDate: daysAgo(10) })),
  recordSubsequentSurgeryAction: boundTo("procedure", () => ({ surgeryDate: daysAgo(10), type: "fusion", levels: ["L4-L5"] })),
  adjudicateAction: boundTo("complication", () => ({ decision: "needs_info", reason: "Which level bled?" })),
  answerInformationRequestAction: boundTo("complication", () => ({ answer: "L4-L5, one unit given." })),
  verifyChainAction: (m, n) => m[n]!(null),
  markAlertsReadAction: (m, n) => m[n]!(form({ all: "1" })),
  createUserAction: (m, n) =>
    m[n]!(
      null,
      form({
        email: `am${next()}@test.example`,
        name: "New Person",
        role: "physician",
        password: "long enough 1",
        confirmPassword: "long enough 1",
        siteId: "",
      }),
    ),
  updateUserAction: idInForm("user", () => ({ name: `Renamed ${next()}`, role: "physician", siteId: "" })),
  setUserDisabledAction: idInForm("user", () => ({ disabled: "true" })),
  resetPasswordAction: idInForm("user", () => ({ password: "another password", confirmPassword: "another password" })),
  revokeSessionsAction: idInForm("user"),
  resetTotpAction: idInForm("user"),
  createSiteAction: (m, n) => m[n]!(null, form({ code: `AM${next()}`, name: "A new site" })),
  renameSiteAction: idInForm("site", () => ({ name: `Renamed site ${next()}` })),
  startTotpAction: (m, n) => m[n]!(),
  cancelTotpAction: (m, n) => m[n]!(),
  confirmTotpAction: async (m, n) => {
    await m.startTotpAction!();
    // Only reached with a live session: the pending secret of whoever that is, and its current code.
    const userId = signals.state.claims!.id;
    const [pending] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
    return m[n]!(null, form({ code: totpCodeAt(openTotpSecret(pending.secretEncrypted, userId)!) }));
  },
  disableTotpAction: (m, n) => m[n]!(null, form({ password: "not the password", code: "123456" })),
  signOutOtherSessionsAction: (m, n) => m[n]!(),
};

async function snapshot() {
  const n = async (
    table:
      | typeof patients
      | typeof procedures
      | typeof assessments
      | typeof complications
      | typeof complicationNotes
      | typeof users
      | typeof sites
      | typeof sessions
      | typeof totpCredentials
      | typeof invitations
      | typeof outboxMessages
      | typeof auditLog,
  ) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    patients: await n(patients),
    procedures: await n(procedures),
    assessments: await n(assessments),
    complications: await n(complications),
    notes: await n(complicationNotes),
    users: await n(users),
    sites: await n(sites),
    sessions: await n(sessions),
    totp: await n(totpCredentials),
    invitations: await n(invitations),
    outbox: await n(outboxMessages),
    audit: await n(auditLog),
    // Changes that add no row: the content of the tables a refused call might have touched (in id order:
    // PostgreSQL gives no order without one).
    content: JSON.stringify([
      await db.select().from(patients).orderBy(patients.id),
      await db.select().from(procedures).orderBy(procedures.id),
      await db.select().from(assessments).orderBy(assessments.id),
      await db.select().from(complications).orderBy(complications.id),
      await db.select().from(users).orderBy(users.id),
      await db.select().from(sites).orderBy(sites.id),
    ]),
  };
}

const discovered = discoverServerActions();
const modules = new Map<string, Record<string, (...args: unknown[]) => Promise<unknown>>>();
async function moduleOf(file: string) {
  if (!modules.has(file))
    modules.set(file, (await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`)) as Record<string, (...args: unknown[]) => Promise<unknown>>);
  return modules.get(file)!;
}

const cases = discovered.flatMap((action) => {
  const entry = ACTIONS[action.key];
  const kinds = entry ? recordKindsOf(entry.record) : [null];
  return PRINCIPALS.flatMap((who) =>
    kinds.map(
      (kind) => [`${action.key} as ${who}${kind ? ` on ${kind} record` : ""}`, { key: action.key, file: action.file, name: action.name, who, kind }] as const,
    ),
  );
});

describe("server actions × principals × records", () => {
  it.each(cases)("%s", async (_title, { key, file, name, who, kind }) => {
    const entry = ACTIONS[key];
    expect(entry, `${key} has no entry in tests/matrix/actionExpectations.ts`).toBeDefined();
    const invoke = INVOKERS[name];
    expect(invoke, `${key}: add an invoker to INVOKERS in this file`).toBeDefined();

    // Reset what earlier calls may have changed for these people: enrolments, disabled flags, session versions.
    await db.delete(totpCredentials);
    for (const p of Object.values(people)) await db.update(users).set({ disabled: false, sessionVersion: p.sessionVersion }).where(eq(users.id, p.id));
    const world = await freshWorld();
    signals.state.claims = await claimsOf(who);
    const before = await snapshot();

    const outcome = await outcomeOf(signals, invoke!(await moduleOf(file), name, { kind, world }));

    const expected = outcomeFor(entry!.expect[who], kind);
    expect(outcome, `${key} as ${who}${kind ? ` on ${kind} record` : ""}`).toBe(expected);
    if (outcome !== "ok") expect(await snapshot(), "a refused call wrote something").toEqual(before);
  });
});

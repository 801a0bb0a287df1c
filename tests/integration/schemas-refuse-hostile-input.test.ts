/**
 * Input hardening of every zod schema in lib/validation/** (found by importing each module and taking every
 * export that is a zod schema, so a new schema is covered the day it is added), of the DAL's own schemas, and of
 * the lenient URL parsers: random and hostile values (huge strings, RTL and emoji, null bytes, lone surrogates,
 * SQL and HTML fragments, NaN and ±Infinity, bigints, dates, arrays, Maps and objects where strings belong) must
 * always end in a parse result — success, or a ZodError whose every issue carries a message — never a thrown
 * exception of another kind. The DAL's parse wrapper must turn every refusal into a ValidationError with words.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { adjudicationSchema, answerSchema, parseReviewQueueQuery } from "@/lib/validation/adjudication";
import { parseAuditLogQuery } from "@/lib/validation/auditLog";
import { ValidationError } from "@/lib/dal/errors";
import { parseInput } from "@/lib/dal/parse";
import { parseOutcomeFilters, parseOutcomeFiltersLenient } from "@/lib/outcomes/outcomeFilters";
import { formDataToObject } from "@/lib/validation/formData";
import { parseProcedureListQuery } from "@/lib/validation/procedureList";
import { hostileInput, hostileString, hostileValue } from "../matrix/hostile";

const RUNS = { numRuns: 150 };

/** Valid inputs, so most runs keep the other fields right and reach the schema's deeper rules. */
const VALID: Record<string, Record<string, unknown>> = {
  signInCredentialsSchema: { email: "a@b.org", password: "secret" },
  patientSchema: { siteId: "1", mrn: "M-1", name: "Ann Example", dateOfBirth: "1950-01-02", sex: "female", diagnosis: "stenosis", diabetes: "on" },
  procedureSchema: { patientId: "1", siteId: "1", procedureDate: "2026-01-10", levels: ["L4-L5"], side: "bilateral", anaesthesia: "local" },
  assessmentSchema: { procedureId: "1", timepoint: "week_6", assessedOn: "2026-02-21", nprsBack: "3", nprsLeg: "2", odi: "22" },
  complicationSchema: { procedureId: "1", type: "hematoma", onsetDate: "2026-01-11", grade: "2", relatedness: "procedure", outcome: "resolved" },
  newSiteSchema: { code: "NVS-2", name: "North" },
  siteUpdateSchema: { name: "North" },
  newUserSchema: { email: "a@b.org", name: "Ann", role: "physician", password: "long enough", siteId: "" },
  userUpdateSchema: { name: "Ann", role: "physician", siteId: "2" },
  newUserFormSchema: { email: "a@b.org", name: "Ann", role: "physician", password: "long enough", confirmPassword: "long enough", siteId: "" },
  passwordResetFormSchema: { password: "long enough", confirmPassword: "long enough" },
  procedureListQuerySchema: {},
  adjudicationSchema: { decision: "confirm", reason: "As reported", finalGrade: "2", finalRelatedness: "procedure" },
  answerSchema: { answer: "One unit given on day 2" },
};

/** The keys of an object schema, looking through refinements, pipes, transforms and intersections. */
function objectKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "object":
      return Object.keys(def.shape as object);
    case "pipe":
      return objectKeys(def.in as z.ZodType);
    case "intersection":
      return [...new Set([...objectKeys(def.left as z.ZodType), ...objectKeys(def.right as z.ZodType)])];
    case "optional":
    case "nullable":
    case "default":
    case "catch":
      return objectKeys(def.innerType as z.ZodType);
    default:
      return [];
  }
}

// Every zod schema exported from lib/validation/** (builders such as requiredText are functions, not schemas).
const validationDir = path.join(process.cwd(), "lib/validation");
const files = fs
  .readdirSync(validationDir, { recursive: true })
  .map(String)
  .filter((f) => /\.tsx?$/.test(f));
const modules = await Promise.all(
  files.map(async (f) => [f, (await import(/* @vite-ignore */ path.join(validationDir, f))) as Record<string, unknown>] as const),
);
const schemas: [string, z.ZodType][] = [
  ...modules.flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([, v]) => v instanceof z.ZodType)
      .map(([name, v]) => [`${file}:${name}`, v as z.ZodType] as [string, z.ZodType]),
  ),
  // The DAL's own schemas, for adjudication (the others live in lib/validation).
  ["lib/validation/adjudication.ts:adjudicationSchema", adjudicationSchema],
  ["lib/validation/adjudication.ts:answerSchema", answerSchema],
];

/**
 * Finding of this suite, since fixed: the record schemas' and the password-confirmation's cross-field rules ran
 * even on a non-object input, so `safeParse(null)` threw a TypeError instead of returning a ZodError. The tests
 * below keep it fixed.
 */
const CRASH_ON_NULLISH = new Set(["procedureSchema", "assessmentSchema", "complicationSchema", "newUserFormSchema", "passwordResetFormSchema"]);

/** What a refusal must look like: a ZodError, every issue with a non-empty message and a path. */
function checkRefusal(result: z.ZodSafeParseResult<unknown>) {
  if (result.success) return;
  expect(result.error).toBeInstanceOf(z.ZodError);
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.message).toBe("string");
    expect(issue.message.trim().length).toBeGreaterThan(0);
    expect(Array.isArray(issue.path)).toBe(true);
  }
}

describe("every zod schema in lib/validation refuses hostile input with messages, never with an exception", () => {
  it("finds the schemas (a module that stops exporting them would silently shrink this test)", () => {
    const names = schemas.map(([n]) => n.split(":")[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        "patientSchema",
        "procedureSchema",
        "assessmentSchema",
        "complicationSchema",
        "newUserSchema",
        "newSiteSchema",
        "procedureListQuerySchema",
        "emailSchema",
      ]),
    );
    expect(schemas.length).toBeGreaterThanOrEqual(20);
  });

  it.each(schemas)("%s: its valid example parses", (name, schema) => {
    const base = VALID[name.split(":")[1]!];
    if (base) expect(schema.safeParse(base).success, JSON.stringify(schema.safeParse(base).error?.issues)).toBe(true);
  });

  it.each(schemas)("%s: any hostile value", (name, schema) => {
    fc.assert(
      fc.property(hostileValue, (input) => {
        checkRefusal(schema.safeParse(input));
      }),
      RUNS,
    );
  });

  it.each(schemas.filter(([, s]) => objectKeys(s).length > 0))("%s: a valid record with hostile fields", (name, schema) => {
    const keys = objectKeys(schema);
    const base = VALID[name.split(":")[1]!] ?? {};
    fc.assert(
      fc.property(hostileInput(keys, base), (input) => {
        const result = schema.safeParse(input);
        checkRefusal(result);
        // The DAL's wrapper (lib/dal/parse.ts): the same refusal as a ValidationError, one message list per field.
        try {
          parseInput(schema, input);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          const fieldErrors = (error as ValidationError).fieldErrors;
          expect(Object.keys(fieldErrors).length).toBeGreaterThan(0);
          for (const [field, messages] of Object.entries(fieldErrors)) {
            expect(field === "_form" || keys.includes(field) || field === "odiSections", `unknown field ${field}`).toBe(true);
            expect(messages.every((m) => typeof m === "string" && m.length > 0)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it.each([...CRASH_ON_NULLISH].flatMap((n) => [[n, null] as const, [n, undefined] as const]))(
    "%s.safeParse(%s) returns a ZodError instead of throwing",
    (name, input) => {
      const schema = schemas.find(([n]) => n.endsWith(`:${name}`))![1];
      checkRefusal(schema.safeParse(input));
    },
  );

  it("keeps accepted text within each field's limit", () => {
    // Limits from lib/validation/records.ts: MRN 40, names 200, notes 2,000, device lot 60 — counted in characters
    // (code points) as zod counts them, so an emoji of several UTF-16 units is one character.
    const chars = (s: string) => [...s].length;
    fc.assert(
      fc.property(hostileString, hostileString, hostileString, (mrn, name, notes) => {
        const patient = schemas.find(([n]) => n.endsWith(":patientSchema"))![1].safeParse({ ...VALID.patientSchema, mrn, name });
        if (patient.success) {
          const p = patient.data as { mrn: string; name: string };
          expect(chars(p.mrn)).toBeLessThanOrEqual(40);
          expect(chars(p.name)).toBeLessThanOrEqual(200);
          expect(p.mrn.trim()).toBe(p.mrn);
        }
        const procedure = schemas.find(([n]) => n.endsWith(":procedureSchema"))![1].safeParse({ ...VALID.procedureSchema, notes, deviceLot: name });
        if (procedure.success) {
          const p = procedure.data as { notes: string | null; deviceLot: string | null };
          expect(chars(p.notes ?? "")).toBeLessThanOrEqual(2000);
          expect(chars(p.deviceLot ?? "")).toBeLessThanOrEqual(60);
        }
      }),
      RUNS,
    );
  });
});

describe("the URL parsers never refuse a link: anything unreadable falls back to the default", () => {
  const params = fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        "page",
        "size",
        "sort",
        "dir",
        "physician",
        "site",
        "from",
        "to",
        "diagnosis",
        "flag",
        "complication",
        "followUp",
        "q",
        "hide",
        "status",
        "type",
        "grade",
        "age",
        "user",
        "entity",
        "entityId",
        "action",
        "minGrade",
        "related",
        "windowDays",
        "adjudicated",
        "reliefCriterion",
        "levels",
        "riskFactor",
        "at",
        "mcid",
        "compare",
      ),
      hostileString,
    ),
    fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), fc.constant(undefined)),
    { maxKeys: 8 },
  );

  it("procedure list, review queue and audit log", () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(() => parseProcedureListQuery(p)).not.toThrow();
        expect(() => parseReviewQueueQuery(p)).not.toThrow();
        expect(() => parseAuditLogQuery(p)).not.toThrow();
        const list = parseProcedureListQuery(p);
        expect(Number.isSafeInteger(list.page) && list.page >= 1).toBe(true);
        expect([10, 25, 50, 100]).toContain(list.size);
      }),
      RUNS,
    );
  });

  it("outcome filters: lenient never throws; strict answers with field errors, never an exception", () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(() => parseOutcomeFiltersLenient(p)).not.toThrow();
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(p)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) search.append(k, one);
        const strict = parseOutcomeFilters(search);
        if (!strict.success) {
          expect(Object.keys(strict.fieldErrors).length).toBeGreaterThan(0);
          for (const messages of Object.values(strict.fieldErrors))
            expect((messages as string[]).every((m) => typeof m === "string" && m.length > 0)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("formDataToObject", () => {
  it("flattens any FormData to strings (and string arrays for multi fields), dropping files and Next's transport fields", () => {
    const entry = fc.tuple(fc.oneof(hostileString, fc.constantFrom("levels", "$ACTION_ID_abc", "$ACTION_REF_1")), fc.oneof(hostileString, fc.constant("FILE")));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const fd = new FormData();
        for (const [k, v] of entries) {
          if (v === "FILE") fd.append(k, new Blob(["x"]), "x.csv");
          else fd.append(k, v);
        }
        const out = formDataToObject(fd, { multi: ["levels"] });
        expect(Array.isArray(out.levels)).toBe(true);
        for (const [k, v] of Object.entries(out)) {
          expect(k.startsWith("$ACTION")).toBe(false);
          if (k === "levels") expect((v as string[]).every((s) => typeof s === "string")).toBe(true);
          else expect(typeof v).toBe("string");
        }
      }),
      RUNS,
    );
  });
});

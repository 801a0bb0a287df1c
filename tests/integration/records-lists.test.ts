/**
 * What the record lists compute in SQL, checked on whichever backend runs the suite (SQLite and PostgreSQL
 * differ in LIKE's case sensitivity, backslash escapes, NULL ordering, booleans and integer ranges): the
 * name/MRN search, the follow-up state filters, the other filters and sorts, the worklist and the home counts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDaysIso } from "@/lib/outcomes/dates";
import { NotFoundError } from "@/lib/dal/errors";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import { getPatient, listPatients } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { listProcedures } from "@/lib/dal/records/procedureList";
import { getWorklist } from "@/lib/dal/records/worklist";
import { procedureListQuerySchema, type ProcedureListQuery } from "@/lib/validation/procedureList";
import { parsePatientListQuery, type PatientListQuery } from "@/lib/validation/patientList";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { followedRow } from "../support/followUpRow";

const { db } = await tempDatabaseForFile("records-lists");

const TODAY = "2026-06-30";
const daysAgo = (n: number) => addDaysIso(TODAY, -n);
/** Beyond PostgreSQL's 32-bit integer ids: a hand-edited URL can carry one. */
const HUGE_ID = 2 ** 31;

let doc: Principal;
let qo: Principal;
const p = { ada: 0, zola: 0, percent: 0, slash: 0 };
let nobody = 0;

beforeAll(async () => {
  const site = await insertSite(db);
  doc = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  qo = principalOf(await insertUser(db, "quality_officer"));
  const procedureFor = async (name: string, mrn: string, days: number, over: Partial<Parameters<typeof insertProcedure>[1]> = {}) => {
    const patient = await insertPatient(db, site.id, { name, mrn, primaryPhysicianId: doc.id });
    return (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: daysAgo(days), ...over })).id;
  };
  // Day 10: baseline and day 1–3 done, the 2-week window (7–21, nominal 14) open before its nominal day: due.
  p.ada = await procedureFor("Ada Lovelace", "abc-100", 10);
  // Day 17: the 2-week window past its nominal day: overdue. A prior treatment within 12 months.
  p.zola = await procedureFor("ÉMILE Zola", "Z_1", 17, {
    priorTreatmentFlag: true,
    priorTreatmentType: "mild",
    priorTreatmentDate: daysAgo(200),
    priorTreatmentAcknowledged: true,
  });
  // Day 30: no baseline (missed), day 1–3 and 2 weeks missed, the 6-week window (28–56, nominal 42) due.
  p.percent = await procedureFor("Percent 50% Smith", "P%1", 30);
  // Day 5: baseline and day 1–3 done, nothing open yet.
  p.slash = await procedureFor("Bob Back\\slash", "B\\1", 5);
  for (const id of [p.ada, p.zola, p.slash]) {
    await insertAssessment(db, { procedureId: id, timepoint: "baseline", assessedOn: daysAgo(40) });
    await insertAssessment(db, { procedureId: id, timepoint: "day_1_3", assessedOn: daysAgo(1) });
  }
  await insertComplication(db, { procedureId: p.percent, onsetDate: daysAgo(29) });
  await insertComplication(db, { procedureId: p.percent, onsetDate: daysAgo(28), type: "hematoma" });
  await insertComplication(db, { procedureId: p.zola, onsetDate: daysAgo(16) });
  nobody = (await insertPatient(db, site.id, { name: "Nobody Yet", mrn: "N-0", primaryPhysicianId: doc.id })).id;
});

const query = (over: Partial<ProcedureListQuery> = {}): ProcedureListQuery => ({ ...procedureListQuerySchema.parse({}), ...over });
const ids = async (principal: Principal, over: Partial<ProcedureListQuery>) => (await listProcedures(principal, query(over), TODAY)).rows.map((r) => r.id);
const patientNames = async (q: string) => (await listPatients(doc, { q, page: 1, size: 25 })).rows.map((r) => r.name).sort();

describe("name and MRN search", () => {
  it("ignores case in names and MRNs", async () => {
    expect(await ids(doc, { q: "ADA" })).toEqual([p.ada]);
    expect(await ids(doc, { q: "ABC-1" })).toEqual([p.ada]);
    expect(await ids(doc, { q: "z_1" })).toEqual([p.zola]);
    expect(await patientNames("lovelace")).toEqual(["Ada Lovelace"]);
    expect(await patientNames("n-0")).toEqual(["Nobody Yet"]);
  });

  it("finds accented text as typed", async () => {
    expect(await ids(doc, { q: "ÉMILE" })).toEqual([p.zola]);
    expect(await patientNames("ÉMILE")).toEqual(["ÉMILE Zola"]);
  });

  it("matches %, _ and backslash literally, not as patterns or escapes", async () => {
    expect(await ids(doc, { q: "%" })).toEqual([p.percent]);
    expect(await ids(doc, { q: "_" })).toEqual([p.zola]);
    expect(await ids(doc, { q: "\\" })).toEqual([p.slash]);
    expect(await patientNames("50%")).toEqual(["Percent 50% Smith"]);
    expect(await patientNames("\\1")).toEqual(["Bob Back\\slash"]);
  });

  it("answers a search containing a NUL with nothing, not a driver error", async () => {
    expect(await ids(doc, { q: "Ada\u0000" })).toEqual([]);
    expect((await listPatients(doc, { q: "\u0000", page: 1, size: 25 })).total).toBe(0);
  });
});

describe("the patient list sorts on the server", () => {
  const sorted = async (sort: PatientListQuery["sort"], dir: "asc" | "desc") =>
    (await listPatients(doc, { ...parsePatientListQuery({}), sort, dir })).rows.map((r) => r.name);

  it("by name, MRN and procedure count, either way, whatever the page size", async () => {
    const byName = await sorted("name", "asc");
    expect(byName).toHaveLength(5);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : 1)));
    expect(await sorted("name", "desc")).toEqual([...byName].reverse());
    const mrns = (await listPatients(doc, { ...parsePatientListQuery({}), sort: "mrn", dir: "asc" })).rows.map((r) => r.mrn);
    expect(mrns).toEqual([...mrns].sort((a, b) => (a < b ? -1 : 1)));
    // The patient with no procedure has the fewest; every other patient has one.
    expect((await sorted("procedures", "asc"))[0]).toBe("Nobody Yet");
    expect((await sorted("procedures", "desc")).at(-1)).toBe("Nobody Yet");
    const firstPage = (await listPatients(doc, { ...parsePatientListQuery({ sort: "name", dir: "asc", size: "10" }), size: 2 })).rows.map((r) => r.name);
    expect(firstPage).toEqual(byName.slice(0, 2));
  });

  it("reads its view from the URL leniently: an unknown sort falls back to the most recently updated first", () => {
    expect(parsePatientListQuery({ sort: "password", dir: "sideways", page: "-3" })).toMatchObject({ sort: "updated", dir: "desc", page: 1 });
    expect(parsePatientListQuery({ sort: ["last", "name"], dir: "asc" })).toMatchObject({ sort: "last", dir: "asc" });
  });
});

describe("follow-up filters", () => {
  it.each([
    ["due", ["ada", "percent"]],
    ["overdue", ["zola"]],
    ["missed", ["percent"]],
    ["up_to_date", ["ada", "slash"]],
  ] as const)("%s", async (followUp, expected) => {
    expect((await ids(doc, { followUp })).sort()).toEqual(expected.map((k) => p[k]).sort());
  });

  it("shows each row's most urgent open timepoint and its missed count", async () => {
    const rows = new Map((await listProcedures(doc, query(), TODAY)).rows.map((r) => [r.id, r]));
    expect(rows.get(p.ada)).toMatchObject({ followUp: { timepoint: "week_2", state: "due" }, missedCount: 0 });
    expect(rows.get(p.zola)).toMatchObject({ followUp: { timepoint: "week_2", state: "overdue" }, missedCount: 0 });
    expect(rows.get(p.percent)).toMatchObject({ followUp: { timepoint: "week_6", state: "due" }, missedCount: 3 });
    expect(rows.get(p.slash)).toMatchObject({ followUp: null, missedCount: 0 });
  });
});

describe("other filters and sorts", () => {
  it("filters on the prior-treatment flag and on complications", async () => {
    expect(await ids(doc, { flag: "1" })).toEqual([p.zola]);
    expect((await ids(doc, { flag: "0" })).sort()).toEqual([p.ada, p.percent, p.slash].sort());
    expect((await ids(doc, { complication: "1" })).sort()).toEqual([p.zola, p.percent].sort());
    expect((await ids(doc, { complication: "0" })).sort()).toEqual([p.ada, p.slash].sort());
  });

  it("gives the flag as a boolean and the complication count as a number", async () => {
    const rows = new Map((await listProcedures(doc, query(), TODAY)).rows.map((r) => [r.id, r]));
    expect(rows.get(p.zola)).toMatchObject({ priorTreatmentFlag: true, complicationCount: 1 });
    expect(rows.get(p.percent)).toMatchObject({ priorTreatmentFlag: false, complicationCount: 2 });
  });

  it("sorts by complications, ties by newest record, and by patient name in byte order", async () => {
    expect(await ids(doc, { sort: "complications", dir: "desc" })).toEqual([p.percent, p.zola, p.slash, p.ada]);
    expect(await ids(doc, { sort: "patient", dir: "asc" })).toEqual([p.ada, p.slash, p.percent, p.zola]);
    expect(await ids(doc, { sort: "date", dir: "asc" })).toEqual([p.percent, p.zola, p.ada, p.slash]);
  });

  it("counts the whole filtered list while giving one page", async () => {
    const page = await listProcedures(doc, query({ size: 10, page: 1, q: "a" }), TODAY);
    expect(page.total).toBe(page.rows.length);
    expect(page.total).toBeGreaterThan(0);
  });

  it("answers a physician or site id beyond the integer range with an empty list, not a driver error", async () => {
    expect((await listProcedures(qo, query({ physician: HUGE_ID }), TODAY)).total).toBe(0);
    expect((await listProcedures(qo, query({ site: HUGE_ID }), TODAY)).total).toBe(0);
    expect((await getWorklist(qo, { physician: HUGE_ID }, TODAY)).rows).toEqual([]);
  });

  it("answers a record id beyond the integer range with not found", async () => {
    await expect(getPatient(doc, HUGE_ID)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("patients list", () => {
  it("counts procedures and gives the last procedure date, null for a patient without one", async () => {
    const { rows } = await listPatients(doc, { page: 1, size: 25 });
    expect(rows.find((r) => r.id === nobody)).toMatchObject({ procedures: 0, lastProcedure: null });
    expect(rows.find((r) => r.name === "Ada Lovelace")).toMatchObject({ procedures: 1, lastProcedure: daysAgo(10) });
  });
});

describe("worklist and home counts", () => {
  it("lists overdue follow-ups first, then due ones by nominal day", async () => {
    const worklist = await getWorklist(doc, {}, TODAY);
    expect(worklist.rows.map((i) => [i.procedureId, i.timepoint, i.state])).toEqual([
      [p.zola, "week_2", "overdue"],
      [p.ada, "week_2", "due"],
      [p.percent, "week_6", "due"],
    ]);
    expect(worklist.counts).toEqual({ overdue: 1, due: 2 });
  });

  it("counts the same open follow-ups and the baseline completeness on the home page", async () => {
    const s = await getHomeSummary(doc, TODAY);
    expect(s.openFollowUps).toEqual({ due: 2, overdue: 1 });
    expect(s.followUp.find((f) => f.timepoint === "baseline")).toEqual(followedRow("baseline", 4, 3));
    expect(s.followUp.find((f) => f.timepoint === "month_12")).toEqual(followedRow("month_12", 0, 0));
    // grade I reports: none is serious, both procedures count at every grade
    expect(s.proceduresWithComplication).toBe(0);
    expect(s.proceduresWithAnyGradeComplication).toBe(2);
    expect(s.complicationReports).toBe(3);
    expect(s.pendingReview).toBe(3);
  });
});

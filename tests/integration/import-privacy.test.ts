/**
 * A physician's import must not become a way to look up other physicians' records: its dry run and its commit
 * answer about a record the physician cannot see exactly as about one that does not exist. Where the database
 * itself would refuse the row (an MRN, or a reference, already used at the site), the answer says only that the
 * value is in use: no reference, owner or stored value.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { REQUIRED_COMPLICATION_COLUMNS, REQUIRED_PROCEDURE_COLUMNS } from "@/lib/csv/columns";
import { commitImport, dryRunImport, type ImportReport } from "@/lib/dal/csv/importRecords";
import type { Principal } from "@/lib/dal/principal";
import { insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { complicationImportRow, importCsv, importUpload, procedureImportRow } from "../support/importRows";
import { tempDatabaseForFile } from "../support/tempDb";

const TODAY = "2026-11-01";
const { db } = await tempDatabaseForFile("import-privacy");

let me: Principal;
let siteCode = "";
/** Another physician's patient (treated by them alone), procedure and complication, each with a reference. */
const theirs = { patientRef: "their-patient", mrn: "THEIR-MRN", procedureRef: "their-procedure", complicationRef: "their-complication" };
/** My patient, whom the other physician has also treated on 2026-03-10. */
const shared = { patientRef: "shared-patient", mrn: "SHARED-MRN", name: "Shared Patient", dateOfBirth: "1950-03-04", theirDate: "2026-03-10" };

beforeAll(async () => {
  const site = await insertSite(db);
  siteCode = site.code;
  me = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  const other = await insertUser(db, "physician", { siteId: site.id });
  const patient = await insertPatient(db, site.id, { externalId: theirs.patientRef, mrn: theirs.mrn, primaryPhysicianId: other.id });
  const procedure = await insertProcedure(db, {
    patientId: patient.id,
    physicianId: other.id,
    siteId: site.id,
    procedureDate: "2026-02-02",
    externalId: theirs.procedureRef,
  });
  await insertComplication(db, { procedureId: procedure.id, onsetDate: "2026-02-03", externalId: theirs.complicationRef });
  const mine = await insertPatient(db, site.id, {
    externalId: shared.patientRef,
    mrn: shared.mrn,
    name: shared.name,
    dateOfBirth: shared.dateOfBirth,
    primaryPhysicianId: me.id,
  });
  // Theirs, on my patient, without a reference (entered in the app): the import must neither link to it nor name it.
  await insertProcedure(db, { patientId: mine.id, physicianId: other.id, siteId: site.id, procedureDate: shared.theirDate });
});

// The required columns only: the file names nothing the import does not need.
const HEADER: string[] = [...REQUIRED_PROCEDURE_COLUMNS];
const C_HEADER: string[] = [...REQUIRED_COMPLICATION_COLUMNS];
const procedureRow = (over: Record<string, string> = {}) => procedureImportRow("my", { physician_ref: me.email, site: siteCode, ...over });
const complicationRow = (over: Record<string, string>) => complicationImportRow("my", over);
const csv = (rows: Record<string, string>[], header = HEADER) => importCsv(rows, header);
const problemsOf = (report: ImportReport) => report.problems.map(({ file, row, column, message }) => ({ file, row, column, message }));

/** The dry run's and the commit's answers, without what differs by nature (the counts of a successful commit). */
async function answers(files: { procedures?: string; complications?: string }) {
  const dry = await dryRunImport(me, importUpload(files), TODAY);
  const commit = await commitImport(me, importUpload(files), TODAY);
  return { dry: { ok: dry.ok, problems: problemsOf(dry), counts: dry.counts }, commit: { committed: commit.committed, problems: problemsOf(commit) } };
}

const revealsNothing = (report: Awaited<ReturnType<typeof answers>>) => {
  const text = JSON.stringify(report);
  for (const secret of [theirs.patientRef, theirs.procedureRef, theirs.complicationRef, "another physician", "physician"]) expect(text).not.toContain(secret);
};

describe("a physician's import about records they cannot see", () => {
  it("a complication on another physician's procedure is answered as one on a procedure that does not exist", async () => {
    const onTheirs = await answers({ complications: csv([complicationRow({ procedure_ref: theirs.procedureRef, complication_ref: "c-1" })], C_HEADER) });
    const onNothing = await answers({ complications: csv([complicationRow({ procedure_ref: "no-such-procedure", complication_ref: "c-1" })], C_HEADER) });
    expect(onTheirs).toEqual(onNothing);
    expect(onTheirs.commit.committed).toBe(false);
    revealsNothing(onTheirs);
  });

  it("a new procedure on my patient the day another physician also treated them is added, as on a day nobody did", async () => {
    const row = (date: string) =>
      procedureRow({
        patient_ref: shared.patientRef,
        patient_mrn: shared.mrn,
        patient_name: shared.name,
        date_of_birth: shared.dateOfBirth,
        procedure_date: date,
      });
    const sameDay = await answers({ procedures: csv([row(shared.theirDate)]) });
    const otherDay = await answers({ procedures: csv([row("2026-03-11")]) });
    expect(sameDay).toEqual(otherDay);
    expect(sameDay.commit.committed).toBe(true);
    expect(sameDay.dry.counts.procedures).toEqual({ new: 1, linked: 0, unchanged: 0 });
  });

  it("a new patient with another physician's patient's MRN at the site is told only that the MRN is in use there", async () => {
    const report = await answers({ procedures: csv([procedureRow({ patient_mrn: theirs.mrn })]) });
    const expected = [{ file: "procedures.csv", row: 2, column: "patient_mrn", message: `This MRN is already in use at site ${siteCode}` }];
    expect(report.dry.problems).toEqual(expected);
    expect(report.commit).toEqual({ committed: false, problems: expected });
    revealsNothing(report);
  });

  it.each([
    ["patient_ref", { procedures: () => csv([procedureRow({ patient_ref: theirs.patientRef })]) }, "procedures.csv"],
    ["procedure_ref", { procedures: () => csv([procedureRow({ procedure_ref: theirs.procedureRef })]) }, "procedures.csv"],
    [
      "complication_ref",
      {
        procedures: () => csv([procedureRow({ procedure_ref: "for-complication" })]),
        complications: () => csv([complicationRow({ procedure_ref: "for-complication", complication_ref: theirs.complicationRef })], C_HEADER),
      },
      "complications.csv",
    ],
  ] as const)("another physician's %s is told only that the reference is in use", async (column, files, file) => {
    const report = await answers(Object.fromEntries(Object.entries(files).map(([k, make]) => [k, make()])));
    const expected = [{ file, row: 2, column, message: `This ${column} is already in use: choose another reference` }];
    expect(report.dry.problems).toEqual(expected);
    expect(report.commit).toEqual({ committed: false, problems: expected });
    revealsNothing(report);
  });
});

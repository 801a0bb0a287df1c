import { beforeAll, describe, expect, it } from "vitest";
import { sites } from "@/db/schema";
import { DERIVED_PROCEDURE_COLUMNS, PROCEDURE_COLUMNS, columnsFor } from "@/lib/csv/columns";
import { dryRunImport } from "@/lib/dal/csv/importRecords";
import { ValidationError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { createPatient } from "@/lib/dal/records/patients";
import { createProcedure } from "@/lib/dal/records/procedures";
import { getWorklist } from "@/lib/dal/records/worklist";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

// 11:00 UTC on 15 June 2026: already 16 June on Kiritimati (UTC+14), still 15 June in Pago Pago (UTC−11).
const INSTANT = new Date("2026-06-15T11:00:00Z");

const t = await tempDatabaseForFile("site-time-zones");

let doc: Principal;
let admin: Principal;
const site = { east: { id: 0, code: "EAST" }, west: { id: 0, code: "WEST" } };
const patientAt = { east: 0, west: 0 };

beforeAll(async () => {
  const [east] = await t.db.insert(sites).values({ code: "EAST", name: "Kiritimati clinic", timeZone: "Pacific/Kiritimati" }).returning();
  const [west] = await t.db.insert(sites).values({ code: "WEST", name: "Pago Pago clinic", timeZone: "Pacific/Pago_Pago" }).returning();
  site.east.id = east.id;
  site.west.id = west.id;
  doc = principalOf(await insertUser(t.db, "physician", { email: "tz-doc@test.example", siteId: east.id }));
  admin = principalOf(await insertUser(t.db, "admin"));
  for (const k of ["east", "west"] as const) {
    const patient = { siteId: site[k].id, mrn: `TZ-${k}`, name: `Patient ${k}`, dateOfBirth: "1950-01-01", sex: "male", diagnosis: "stenosis" };
    patientAt[k] = (await createPatient(doc, patient, INSTANT)).id;
  }
});

const procedureAt = (k: "east" | "west", procedureDate: string) => ({
  patientId: patientAt[k],
  siteId: site[k].id,
  procedureDate,
  levels: "L4-L5",
  side: "bilateral",
  anaesthesia: "local",
});

async function refusal(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e) => (e instanceof ValidationError ? e.fieldErrors : Promise.reject(e)),
  );
}

describe("each record's 'today' is its site's", () => {
  it("accepts 16 June at the Kiritimati site and refuses it as a future date at the Pago Pago site, at the same instant", async () => {
    expect(await createProcedure(doc, procedureAt("east", "2026-06-16"), INSTANT)).toMatchObject({ procedureDate: "2026-06-16" });
    expect(await refusal(createProcedure(doc, procedureAt("west", "2026-06-16"), INSTANT))).toEqual({
      procedureDate: ["Enter a procedure date no later than today (15 Jun 2026)"],
    });
  });

  it("refuses a date of birth in the future by the patient's site's today", async () => {
    const born = { mrn: "TZ-born", name: "Born today", dateOfBirth: "2026-06-16", sex: "female", diagnosis: "stenosis" };
    expect(await refusal(createPatient(doc, { ...born, siteId: site.west.id }, INSTANT))).toEqual({
      dateOfBirth: ["Enter a date of birth no later than today (15 Jun 2026)"],
    });
    expect(await createPatient(doc, { ...born, siteId: site.east.id }, INSTANT)).toMatchObject({ dateOfBirth: "2026-06-16" });
  });

  it("dates an assessment 'in the future' by the procedure's site", async () => {
    const west = await createProcedure(doc, procedureAt("west", "2026-06-01"), INSTANT);
    const east = await createProcedure(doc, procedureAt("east", "2026-06-01"), INSTANT);
    const twoWeeks = (procedureId: number) => ({ procedureId, timepoint: "week_2", assessedOn: "2026-06-16", nprsBack: 3 });
    expect(await refusal(createAssessment(doc, twoWeeks(west.id), INSTANT))).toEqual({ assessedOn: ["Enter a date no later than today (15 Jun 2026)"] });
    expect(await createAssessment(doc, twoWeeks(east.id), INSTANT)).toMatchObject({ assessedOn: "2026-06-16" });
  });

  it("opens a follow-up window on the worklist on each site's own day", async () => {
    // The 2-week window opens on day 7: 16 June for a procedure on 9 June, which is today only on Kiritimati.
    const east = await createProcedure(doc, procedureAt("east", "2026-06-09"), INSTANT);
    const west = await createProcedure(doc, procedureAt("west", "2026-06-09"), INSTANT);
    const { rows: items } = await getWorklist(doc, { size: 100 }, INSTANT);
    const twoWeeksFor = (id: number) => items.filter((i) => i.procedureId === id && i.timepoint === "week_2").map((i) => i.daysLeft);
    expect(twoWeeksFor(east.id)).toEqual([14]);
    expect(twoWeeksFor(west.id)).toEqual([]);
  });

  it("gives the import's dry run the same verdict per site as the form", async () => {
    const header = columnsFor(PROCEDURE_COLUMNS, true)
      .map((c) => c.name)
      .filter((c) => !DERIVED_PROCEDURE_COLUMNS.has(c));
    const row = (k: "east" | "west") =>
      header
        .map(
          (h) =>
            ({
              procedure_ref: `tz-${k}`,
              patient_ref: `tz-pat-${k}`,
              physician_ref: "tz-doc@test.example",
              patient_mrn: `TZI-${k}`,
              patient_name: `Imported ${k}`,
              date_of_birth: "1950-01-01",
              procedure_date: "2026-06-16",
              site: site[k].code,
              sex: "female",
              diagnosis: "stenosis",
              levels: "L4-L5",
              side: "bilateral",
              anaesthesia: "local",
            })[h] ?? "",
        )
        .join(",");
    const file = [header.join(","), row("east"), row("west")].join("\r\n") + "\r\n";
    const report = await dryRunImport(admin, { procedures: { name: "procedures.csv", bytes: new TextEncoder().encode(file) } }, INSTANT);
    expect(report.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, "procedure_date", "Enter a procedure date no later than today (15 Jun 2026)"],
    ]);
  });
});

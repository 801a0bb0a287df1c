import { describe, expect, it } from "vitest";
import { assessmentSchema, complicationSchema, procedureSchema } from "@/lib/validation/records";

const fieldsWithErrors = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  [...new Set(r.error?.issues.map((i) => String(i.path[0])) ?? [])].sort();

describe("record schemas report every problem in one pass", () => {
  it("shows a cross-field rule together with a field's own error (complication)", () => {
    const r = complicationSchema.safeParse({
      procedureId: 1,
      type: "other",
      typeOther: "",
      onsetDate: "2026-02-30",
      grade: "7",
      relatedness: "procedure",
      outcome: "resolved",
    });
    expect(fieldsWithErrors(r)).toEqual(["grade", "onsetDate", "typeOther"]);
  });

  it("asks for a score even when the date is also wrong (assessment)", () => {
    const r = assessmentSchema.safeParse({ procedureId: 1, timepoint: "week_6", assessedOn: "not a date" });
    expect(fieldsWithErrors(r)).toEqual(["assessedOn", "nprsBack"]);
  });

  it("does not ask for a score when one was entered but is out of range", () => {
    const r = assessmentSchema.safeParse({ procedureId: 1, timepoint: "week_6", assessedOn: "2026-01-01", nprsBack: "12" });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["NPRS back pain must be a whole number from 0 to 10"]);
  });

  it("asks for the eligibility acknowledgement even when another field is wrong (procedure)", () => {
    const r = procedureSchema.safeParse({
      patientId: 1,
      siteId: 1,
      procedureDate: "2026-03-01",
      levels: [],
      side: "bilateral",
      anaesthesia: "local",
      priorTreatmentType: "fusion",
      priorTreatmentDate: "2025-10-01",
    });
    expect(fieldsWithErrors(r)).toEqual(["levels", "priorTreatmentAcknowledged"]);
  });
});

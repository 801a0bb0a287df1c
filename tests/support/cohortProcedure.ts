import type { CohortProcedure } from "@/lib/outcomes/cohort";

let nextId = 1;

/** A cohort procedure for pure tests of the outcome code: no baseline, no visits, nothing reported, unless `over` says so. */
export function cohortProcedure(over: Partial<CohortProcedure> = {}): CohortProcedure {
  const id = nextId++;
  return {
    id,
    patientId: id + 1,
    physicianId: 1,
    siteId: 1,
    procedureDate: "2025-01-01",
    levels: "L4-L5",
    priorTreatmentFlag: false,
    diagnosis: "stenosis",
    ageAtProcedure: 70,
    sex: "male",
    riskMask: 0,
    baseline: null,
    followUps: [],
    diary: [],
    complications: [],
    relief: { excluded: "no-baseline" },
    hasQualifyingComplication: false,
    hasAllGradeComplication: false,
    worstGrade: null,
    ...over,
  };
}

/**
 * The record schemas: one per entity, shared by the forms' server actions, the DAL and the CSV import, so a
 * value refused in one is refused in all. Ranges come from the domain brief (NPRS 0–10, ODI 0–100 or ten
 * sections scored 0–5, tolerances in minutes).
 */
import { z } from "zod";
import {
  ANAESTHESIA_KINDS,
  COMPLICATION_OUTCOMES,
  INVITATION_CHANNELS,
  COMPLICATION_TYPES,
  DIAGNOSES,
  LEVELS,
  PRIOR_TREATMENT_TYPES,
  PROCEDURE_SIDES,
  RELATEDNESS_KINDS,
  SEXES,
  TIMEPOINTS,
} from "@/db/enums";
import { priorTreatmentWithin12Months } from "@/lib/outcomes/eligibility";
import { ODI_SECTIONS, scoreOdi } from "@/lib/outcomes/odi";
import {
  blankToNull,
  checkbox,
  choice,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  requiredDate,
  requiredId,
  requiredNumber,
  requiredText,
} from "./fields";

export const MAX_TOLERANCE_MINUTES = 1440;

/**
 * Cross-field rules run even when a single field is already refused, so the user sees every problem after one
 * save instead of discovering them one round at a time. The rules therefore guard against values that did not
 * parse (they arrive raw).
 */
const EVEN_WITH_FIELD_ERRORS = {
  // Only for an object: a null or non-object input has nothing to cross-check and is refused as a whole.
  when: ({ value }: { value: unknown }) => typeof value === "object" && value !== null && !Array.isArray(value),
} as unknown as undefined;
const isText = (v: unknown): v is string => typeof v === "string";

/** The questionnaire languages with an instrument file (lib/outcomes/instruments). */
export const PATIENT_LANGUAGES = ["en"] as const;

/** The date of birth against today is a date rule (recordDateRules.ts): today is the patient's site's. */
export const patientSchema = z.object({
  siteId: requiredId("site"),
  mrn: requiredText("medical record number", 40),
  name: requiredText("patient's name", 200),
  dateOfBirth: requiredDate("date of birth"),
  sex: choice(SEXES, "sex"),
  diagnosis: choice(DIAGNOSES, "diagnosis"),
  scoliosisKyphosis: checkbox,
  previousSpinalFracture: checkbox,
  previousSpinalSurgery: checkbox,
  medicationAllergies: checkbox,
  diabetes: checkbox,
  cardiovascularDisease: checkbox,
  smoking: checkbox,
  heavyDrinking: checkbox,
  // Contact details: optional, identifiers (identified export only).
  email: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toLowerCase()) : (v ?? null)),
    z
      .string({ error: "The email address must be text" })
      .max(254, { error: "The email address is limited to 254 characters" })
      .regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, { error: "Enter an email address such as name@example.org" })
      .nullable()
      .default(null),
  ),
  mobile: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
    z
      .string({ error: "The mobile number must be text" })
      .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, { error: "Enter the mobile number in digits, e.g. +44 7700 900123" })
      .nullable()
      .default(null),
  ),
  preferredChannel: z.preprocess((v) => blankToNull(v) ?? "email", z.enum(INVITATION_CHANNELS, { error: "Choose email or a printed letter" })),
  language: z.preprocess((v) => blankToNull(v) ?? "en", z.enum(PATIENT_LANGUAGES, { error: "English is the only language so far" })),
});
export type PatientInput = z.infer<typeof patientSchema>;

/** The patient form's consent box: ticked records a consent under the current wording, unticked an opt-out. */
export const contactConsentSchema = z.object({ contactConsent: checkbox });

const levelsField = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,;\s]+/).filter(Boolean) : (v ?? [])),
  z.array(z.enum(LEVELS, { error: "Levels are L1-L2, L2-L3, L3-L4, L4-L5 or L5-S1" })).min(1, { error: "Choose at least one level treated" }),
);

export const procedureSchema = z
  .object({
    patientId: requiredId("patient"),
    siteId: requiredId("site"),
    procedureDate: requiredDate("procedure date"),
    levels: levelsField,
    side: choice(PROCEDURE_SIDES, "side"),
    anaesthesia: choice(ANAESTHESIA_KINDS, "anaesthesia"),
    deviceLot: optionalText("Device lot number", 60),
    priorTreatmentType: optionalChoice(PRIOR_TREATMENT_TYPES, "prior treatment"),
    priorTreatmentDate: optionalDate("prior treatment date"),
    priorTreatmentAcknowledged: checkbox,
    notes: optionalText("Notes", 2000),
  })
  .superRefine((p, ctx) => {
    if (!isText(p.procedureDate) || (p.priorTreatmentDate !== null && !isText(p.priorTreatmentDate))) return;
    if (p.priorTreatmentType && !p.priorTreatmentDate) {
      ctx.addIssue({ code: "custom", path: ["priorTreatmentDate"], message: "Enter the date of the prior lumbar treatment" });
    }
    if (p.priorTreatmentDate && !p.priorTreatmentType) {
      ctx.addIssue({ code: "custom", path: ["priorTreatmentType"], message: "Choose which prior lumbar treatment was given" });
    }
    if (p.priorTreatmentDate && p.priorTreatmentDate > p.procedureDate) {
      ctx.addIssue({ code: "custom", path: ["priorTreatmentDate"], message: "The prior treatment must be before the procedure date" });
    }
    if (p.priorTreatmentType && priorTreatmentWithin12Months(p.procedureDate, p.priorTreatmentDate) && !p.priorTreatmentAcknowledged) {
      ctx.addIssue({
        code: "custom",
        path: ["priorTreatmentAcknowledged"],
        message: "Lumbar treatment within 12 months before MILD is an exclusion: confirm you are recording this procedure anyway (it will be flagged)",
      });
    }
  }, EVEN_WITH_FIELD_ERRORS)
  .transform((p) => ({
    ...p,
    levels: [...new Set(p.levels)].sort().join(","),
    priorTreatmentFlag: Boolean(p.priorTreatmentType && priorTreatmentWithin12Months(p.procedureDate, p.priorTreatmentDate)),
  }));
export type ProcedureInput = z.infer<typeof procedureSchema>;

const odiSection = (i: number) => optionalNumber({ label: `ODI section ${i + 1}`, min: 0, max: 5, integer: true });
const odiSectionFields = Object.fromEntries(Array.from({ length: ODI_SECTIONS }, (_, i) => [`odiS${i + 1}`, odiSection(i)])) as Record<
  `odiS${number}`,
  ReturnType<typeof odiSection>
>;

export const assessmentSchema = z
  .object({
    procedureId: requiredId("procedure"),
    timepoint: choice(TIMEPOINTS, "timepoint"),
    assessedOn: requiredDate("assessment date"),
    nprsBack: optionalNumber({ label: "NPRS back pain", min: 0, max: 10, integer: true }),
    nprsLeg: optionalNumber({ label: "NPRS leg pain", min: 0, max: 10, integer: true }),
    odiMode: z.preprocess((v) => (v === "sections" ? "sections" : "total"), z.enum(["total", "sections"])),
    odi: optionalNumber({ label: "ODI", min: 0, max: 100, unit: "%" }),
    ...odiSectionFields,
    walkingMinutes: optionalNumber({ label: "Walking tolerance", min: 0, max: MAX_TOLERANCE_MINUTES, unit: "minutes" }),
    standingMinutes: optionalNumber({ label: "Standing tolerance", min: 0, max: MAX_TOLERANCE_MINUTES, unit: "minutes" }),
    reliefOnsetDate: optionalDate("relief onset date"),
    pgic: optionalNumber({ label: "Global impression of change", min: 1, max: 7, integer: true }),
    // "Outside the window, keep it": only meaningful for a date outside its timepoint's window (recordDateRules.ts).
    outOfWindow: checkbox,
    outOfWindowReason: optionalText("The reason for keeping it outside the window", 500),
  })
  .superRefine((a, ctx) => {
    const sections = sectionsOf(a);
    if (a.odiMode === "sections") {
      const missing = sections.filter((s) => s === null || s === undefined || (s as unknown) === "").length;
      if (missing > 1 && missing < ODI_SECTIONS) {
        ctx.addIssue({ code: "custom", path: ["odiSections"], message: `Answer at least 9 of the 10 ODI sections (${missing} are missing)` });
      }
    }
    // A score that was entered but refused still counts as entered: its own message says what is wrong.
    const entered = (v: unknown) => v !== null && v !== undefined && v !== "";
    const anySection = sections.some(entered);
    if (![a.nprsBack, a.nprsLeg, a.odi, a.walkingMinutes, a.standingMinutes].some(entered) && !(a.odiMode === "sections" && anySection)) {
      ctx.addIssue({ code: "custom", path: ["nprsBack"], message: "Enter at least one score (NPRS, ODI, walking or standing tolerance)" });
    }
    if (isText(a.reliefOnsetDate) && isText(a.assessedOn) && a.reliefOnsetDate > a.assessedOn) {
      ctx.addIssue({ code: "custom", path: ["reliefOnsetDate"], message: "Relief onset cannot be after the assessment date" });
    }
  }, EVEN_WITH_FIELD_ERRORS)
  .transform((a) => {
    const sections = sectionsOf(a);
    const bySections = a.odiMode === "sections" && sections.some((s) => s !== null);
    return {
      procedureId: a.procedureId,
      timepoint: a.timepoint,
      assessedOn: a.assessedOn,
      nprsBack: a.nprsBack,
      nprsLeg: a.nprsLeg,
      odi: odiOf(a),
      odiSections: bySections ? JSON.stringify(sections) : null,
      walkingMinutes: a.walkingMinutes,
      standingMinutes: a.standingMinutes,
      reliefOnsetDate: a.reliefOnsetDate,
      pgic: a.pgic,
      outOfWindow: a.outOfWindow,
      outOfWindowReason: a.outOfWindow ? a.outOfWindowReason : null,
    };
  });
export type AssessmentInput = z.infer<typeof assessmentSchema>;

function sectionsOf(a: Record<string, unknown>): (number | null)[] {
  return Array.from({ length: ODI_SECTIONS }, (_, i) => (a[`odiS${i + 1}`] as number | null) ?? null);
}

/** The ODI to store: scored from the sections when they were given (and valid), else the total entered. */
function odiOf(a: { odiMode: "total" | "sections"; odi: number | null } & Record<string, unknown>): number | null {
  if (a.odiMode !== "sections") return a.odi;
  const sections = sectionsOf(a);
  if (sections.every((s) => s === null)) return null;
  try {
    return scoreOdi(sections);
  } catch {
    return null;
  }
}

export const complicationSchema = z
  .object({
    procedureId: requiredId("procedure"),
    type: choice(COMPLICATION_TYPES, "complication type"),
    typeOther: optionalText("Description", 200),
    onsetDate: requiredDate("onset date"),
    serious: checkbox,
    grade: requiredNumber({ label: "Clavien–Dindo grade", min: 1, max: 5, integer: true }),
    relatedness: choice(RELATEDNESS_KINDS, "relatedness"),
    treatment: optionalText("Treatment", 1000),
    outcome: choice(COMPLICATION_OUTCOMES, "outcome"),
  })
  .superRefine((c, ctx) => {
    if (c.type === "other" && !c.typeOther) ctx.addIssue({ code: "custom", path: ["typeOther"], message: "Describe the complication" });
    if (c.type === "death" && c.grade !== 5) ctx.addIssue({ code: "custom", path: ["grade"], message: "A death is Clavien–Dindo grade V" });
    if (c.type === "death" && c.outcome !== "fatal") ctx.addIssue({ code: "custom", path: ["outcome"], message: "The outcome of a death is fatal" });
    if (c.outcome === "fatal" && c.type !== "death" && c.grade !== 5)
      ctx.addIssue({ code: "custom", path: ["grade"], message: "A fatal outcome is Clavien–Dindo grade V" });
  }, EVEN_WITH_FIELD_ERRORS)
  .transform((c) => ({ ...c, typeOther: c.type === "other" ? c.typeOther : null }));
export type ComplicationInput = z.infer<typeof complicationSchema>;

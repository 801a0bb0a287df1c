/**
 * The CSV column conventions shared by the export and the import: one row per procedure (patient columns,
 * procedure columns, then the scores of each scheduled timepoint side by side), and one row per complication.
 * An identified `procedures.csv` is exactly what the import reads, so a file can be exported, corrected and
 * re-imported, or moved between installations.
 */
import { RISK_FACTORS, type RiskFactor, type Timepoint } from "@/db/enums";

/** Scheduled timepoints and their column suffixes (`back_nrs_6w`, `odi_12m`, …). Unscheduled visits have no column. */
export const CSV_TIMEPOINTS = [
  { timepoint: "baseline", suffix: "baseline" },
  { timepoint: "day_1_3", suffix: "d1_3" },
  { timepoint: "week_2", suffix: "2w" },
  { timepoint: "week_6", suffix: "6w" },
  { timepoint: "month_3", suffix: "3m" },
  { timepoint: "month_6", suffix: "6m" },
  { timepoint: "month_12", suffix: "12m" },
  { timepoint: "month_24", suffix: "24m" },
] as const satisfies readonly { timepoint: Exclude<Timepoint, "unscheduled">; suffix: string }[];
export type CsvTimepoint = (typeof CSV_TIMEPOINTS)[number];

/** The scores of one assessment, as column prefixes and the assessment fields they hold. */
export const SCORE_COLUMNS = [
  { prefix: "back_nrs", field: "nprsBack" },
  { prefix: "leg_nrs", field: "nprsLeg" },
  { prefix: "odi", field: "odi" },
  { prefix: "walking_min", field: "walkingMinutes" },
  { prefix: "standing_min", field: "standingMinutes" },
] as const;

export const RISK_FACTOR_COLUMNS: Record<RiskFactor, string> = {
  scoliosisKyphosis: "scoliosis_kyphosis",
  previousSpinalFracture: "previous_spinal_fracture",
  previousSpinalSurgery: "previous_spinal_surgery",
  medicationAllergies: "medication_allergies",
  diabetes: "diabetes",
  cardiovascularDisease: "cardiovascular_disease",
  smoking: "smoking",
  heavyDrinking: "heavy_drinking",
};
export const RISK_COLUMN_LIST = RISK_FACTORS.map((r) => RISK_FACTOR_COLUMNS[r]);

/**
 * The one map from record fields (the forms' names, lib/validation/records.ts) to CSV columns: the import reads
 * each field from its column, reports a field's problems under it, and names it when a file contradicts a
 * stored record.
 */
export const PATIENT_FIELD_COLUMNS = {
  mrn: "patient_mrn",
  name: "patient_name",
  dateOfBirth: "date_of_birth",
  sex: "sex",
  diagnosis: "diagnosis",
  ...RISK_FACTOR_COLUMNS,
} as const;
/**
 * The patient's contact details: identifiers, so only in an identified file, and optional in an import (a file
 * without them, or with a blank cell, leaves what is stored; a consent to be contacted is recorded in the app).
 */
export const PATIENT_CONTACT_COLUMNS = {
  email: "patient_email",
  mobile: "patient_mobile",
  preferredChannel: "preferred_channel",
  language: "language",
} as const;
export const PROCEDURE_FIELD_COLUMNS = {
  procedureDate: "procedure_date",
  levels: "levels",
  side: "side",
  anaesthesia: "anaesthesia",
  deviceLot: "device_lot",
  priorTreatmentType: "prior_treatment_type",
  priorTreatmentDate: "prior_treatment_date",
  priorTreatmentAcknowledged: "prior_treatment_acknowledged",
  notes: "notes",
} as const;
export const COMPLICATION_FIELD_COLUMNS = {
  type: "type",
  typeOther: "type_other",
  onsetDate: "onset_date",
  serious: "serious",
  grade: "grade",
  relatedness: "relatedness",
  treatment: "treatment",
  outcome: "outcome",
} as const;

/** A map's [field, column] pairs, typed by its fields. */
export const fieldColumnPairs = <F extends string>(map: Record<F, string>) => Object.entries(map) as [F, string][];

/** How a column may be written: text cells are neutralised against formula injection, numbers never are. */
export type ColumnKind = "text" | "number";
export type ColumnSpec = { name: string; kind: ColumnKind; identifiedOnly?: boolean };

const text = (name: string, identifiedOnly = false): ColumnSpec => ({ name, kind: "text", identifiedOnly });
const num = (name: string, identifiedOnly = false): ColumnSpec => ({ name, kind: "number", identifiedOnly });

export const assessedOnColumn = (s: string) => `assessed_on_${s}`;
export const dayColumn = (s: string) => `day_${s}`;
export const reliefOnsetColumn = (s: string) => `relief_onset_${s}`;
/** Optional: why an assessment dated outside its timepoint's window is kept (free text, so identified files only). */
export const outOfWindowReasonColumn = (s: string) => `out_of_window_reason_${s}`;
export const scoreColumn = (prefix: string, s: string) => `${prefix}_${s}`;

/** The column of an assessment field at one timepoint (the ODI's sections are reported under its score). */
export function assessmentFieldColumn(field: string, suffix: string): string {
  if (field === "assessedOn") return assessedOnColumn(suffix);
  if (field === "reliefOnsetDate") return reliefOnsetColumn(suffix);
  if (field === "odi" || field === "odiSections") return scoreColumn("odi", suffix);
  const score = SCORE_COLUMNS.find((s) => s.field === field);
  return scoreColumn(score ? score.prefix : "back_nrs", suffix);
}

/**
 * procedures.csv. In a de-identified file the refs are keyed pseudonyms and every date is the procedure year or a
 * day count since the procedure; an identified file adds the columns marked identifiedOnly, and its refs are
 * the records' own external ids (what the import matches on) and the physician's email.
 */
export const PROCEDURE_COLUMNS: readonly ColumnSpec[] = [
  text("procedure_ref"),
  text("patient_ref"),
  text("physician_ref"),
  text("patient_mrn", true),
  text("patient_name", true),
  text("date_of_birth", true),
  text("patient_email", true),
  text("patient_mobile", true),
  text("preferred_channel", true),
  text("language", true),
  text("procedure_date", true),
  text("site"),
  num("procedure_year"),
  // "90+" in a de-identified file (Safe Harbor), so written as text there; a whole number otherwise.
  text("age_at_procedure"),
  text("sex"),
  text("diagnosis"),
  text("levels"),
  text("side"),
  text("anaesthesia"),
  text("device_lot", true),
  text("prior_treatment_type"),
  text("prior_treatment_date", true),
  num("prior_treatment_days_before"),
  num("prior_treatment_flag"),
  num("prior_treatment_acknowledged", true),
  ...RISK_COLUMN_LIST.map((c) => num(c)),
  ...CSV_TIMEPOINTS.flatMap(({ suffix }) => [
    text(assessedOnColumn(suffix), true),
    num(dayColumn(suffix)),
    ...SCORE_COLUMNS.map(({ prefix }) => num(scoreColumn(prefix, suffix))),
    text(reliefOnsetColumn(suffix), true),
    text(outOfWindowReasonColumn(suffix), true),
  ]),
  num("relief_event"),
  num("relief_day"),
  text("relief_excluded"),
  num("complications_total"),
  num("complication_in_definition"),
  num("worst_grade"),
  text("notes", true),
];

/** complications.csv: one row per reported complication, with the reporter's values and the adjudication. */
export const COMPLICATION_COLUMNS: readonly ColumnSpec[] = [
  text("complication_ref"),
  text("procedure_ref"),
  text("patient_ref"),
  text("physician_ref"),
  text("site"),
  num("procedure_year"),
  text("type"),
  text("type_other", true),
  text("onset_date", true),
  num("onset_day"),
  num("serious"),
  num("grade"),
  text("relatedness"),
  text("treatment", true),
  text("outcome"),
  text("reported_at", true),
  num("reported_day"),
  text("adjudication_status"),
  num("final_grade"),
  text("final_relatedness"),
  text("adjudicated_by", true),
  text("adjudicated_at", true),
  text("adjudication_note", true),
  num("in_definition"),
];

export function columnsFor(all: readonly ColumnSpec[], identified: boolean): ColumnSpec[] {
  return all.filter((c) => identified || !c.identifiedOnly);
}

/** Columns the import derives itself: accepted in a file (an export can be re-imported as it is) but not read. */
export const DERIVED_PROCEDURE_COLUMNS = new Set([
  "procedure_year",
  "age_at_procedure",
  "prior_treatment_days_before",
  "prior_treatment_flag",
  ...CSV_TIMEPOINTS.map(({ suffix }) => dayColumn(suffix)),
  "relief_event",
  "relief_day",
  "relief_excluded",
  "complications_total",
  "complication_in_definition",
  "worst_grade",
]);
export const DERIVED_COMPLICATION_COLUMNS = new Set(["patient_ref", "physician_ref", "site", "procedure_year", "onset_day", "reported_day", "in_definition"]);

export const REQUIRED_PROCEDURE_COLUMNS = [
  "procedure_ref",
  "patient_ref",
  "physician_ref",
  "patient_mrn",
  "patient_name",
  "date_of_birth",
  "procedure_date",
  "site",
  "sex",
  "diagnosis",
  "levels",
  "side",
  "anaesthesia",
] as const;
export const REQUIRED_COMPLICATION_COLUMNS = ["complication_ref", "procedure_ref", "type", "onset_date", "grade", "relatedness", "outcome"] as const;

/** Adjudication columns: read only from an administrator's import (a registry migration), see lib/dal/csv/importRecords.ts. */
export const ADJUDICATION_COLUMNS = [
  "adjudication_status",
  "final_grade",
  "final_relatedness",
  "adjudicated_by",
  "adjudicated_at",
  "adjudication_note",
  "reported_at",
] as const;

/**
 * Turns exported records into CSV cells, column by column in the order of lib/csv/columns.ts. The
 * de-identified form (the default) applies Safe Harbor (domain brief, Privacy): no names, record numbers,
 * dates of birth, device lot numbers or free text; references are keyed pseudonyms; dates become the
 * procedure year and days since the procedure; ages over 89 become "90+".
 */
import { RISK_FACTORS } from "@/db/enums";
import type { ExportComplication, ExportProcedure } from "./exportRows";
import type { CohortAssessment } from "@/lib/outcomes/cohort";
import {
  COMPLICATION_COLUMNS,
  CSV_TIMEPOINTS,
  PROCEDURE_COLUMNS,
  REQUIRED_PROCEDURE_COLUMNS,
  RISK_FACTOR_COLUMNS,
  SCORE_COLUMNS,
  assessedOnColumn,
  columnsFor,
  dayColumn,
  outOfWindowReasonColumn,
  reliefOnsetColumn,
  scoreColumn,
  type ColumnSpec,
} from "../columns";
import { ageInYears, epochDay, fromEpochDay } from "@/lib/outcomes/dates";
import { numberCell, textCell } from "../formulaSafe";
import type { Pseudonyms } from "./pseudonym";

export type Cell = string | number | boolean | null | undefined;
export type RecordContext = { identified: boolean; refs: Pseudonyms };

/** Safe Harbor: every age over 89 is reported as one category. */
export const deidentifiedAge = (age: number): string | number => (age > 89 ? "90+" : age);

/** The formatter of one file: the header, and each record as cells in the header's order. */
export type CsvLayout<T> = { header: string[]; toRecord: (item: T) => string[] };

/** A column of the file, found once per file: its position and whether it holds numbers; null when the file leaves it out. */
type Slot = { index: number; numeric: boolean } | null;
/** Puts a value in its column (formatted for the column's kind); a column the file leaves out is skipped. */
type Put = (slot: Slot, value: Cell) => void;
/** The column of that name in this file. */
type SlotOf = (column: string) => Slot;

/**
 * `prepare` runs once per file: it looks up the slots of the columns it fills (by name, as lib/csv/columns.ts
 * names them) and returns the filler of one record. Looking a column up by name for every cell of every row was
 * a fifth of a large export's time.
 */
function layout<T>(all: readonly ColumnSpec[], identified: boolean, prepare: (slotOf: SlotOf) => (item: T, put: Put) => void): CsvLayout<T> {
  const columns = columnsFor(all, identified);
  const slots = new Map(columns.map((c, i) => [c.name, { index: i, numeric: c.kind === "number" }]));
  const fill = prepare((column) => slots.get(column) ?? null);
  return {
    header: columns.map((c) => c.name),
    toRecord: (item) => {
      const cells = new Array<string>(columns.length).fill("");
      fill(item, (slot, value) => {
        if (slot) cells[slot.index] = slot.numeric ? numberCell(value as number | boolean | null | undefined) : textCell(value);
      });
      return cells;
    },
  };
}

/** The slots of a list of columns, as an object keyed by column name (so each is looked up once per file). */
function slotsOf<const N extends string>(slotOf: SlotOf, names: readonly N[]): Record<N, Slot> {
  return Object.fromEntries(names.map((n) => [n, slotOf(n)])) as Record<N, Slot>;
}

export const procedureRef = (p: { id: number; details: { procedureExternalId: string | null } }, ctx: RecordContext) =>
  ctx.identified ? (p.details.procedureExternalId ?? `mild-procedure-${p.id}`) : ctx.refs("procedure", p.id);

/** The columns this layout fills: every column the import requires (so an export imports again as it is), and the rest. */
const PROCEDURE_FIELDS = [
  ...REQUIRED_PROCEDURE_COLUMNS,
  "patient_email",
  "patient_mobile",
  "preferred_channel",
  "language",
  "device_lot",
  "prior_treatment_date",
  "prior_treatment_acknowledged",
  "notes",
  "procedure_year",
  "age_at_procedure",
  "prior_treatment_type",
  "prior_treatment_days_before",
  "prior_treatment_flag",
  "relief_excluded",
  "relief_event",
  "relief_day",
  "complications_total",
  "complication_in_definition",
  "worst_grade",
] as const;

/** Where each follow-up timepoint's columns are in CSV_TIMEPOINTS (the baseline is the cohort's own field). */
const FOLLOW_UP_POSITION = new Map<string, number>(CSV_TIMEPOINTS.map(({ timepoint }, i) => [timepoint, i]));

export function procedureLayout(ctx: RecordContext): CsvLayout<ExportProcedure> {
  return layout(PROCEDURE_COLUMNS, ctx.identified, (slotOf) => {
    const c = slotsOf(slotOf, PROCEDURE_FIELDS);
    const timepointColumns = CSV_TIMEPOINTS.map(({ suffix }) => ({
      assessedOn: slotOf(assessedOnColumn(suffix)),
      day: slotOf(dayColumn(suffix)),
      scores: SCORE_COLUMNS.map(({ prefix, field }) => ({ slot: slotOf(scoreColumn(prefix, suffix)), field })),
      reliefOnset: slotOf(reliefOnsetColumn(suffix)),
      outOfWindowReason: slotOf(outOfWindowReasonColumn(suffix)),
    }));
    const riskColumns = RISK_FACTORS.map((r) => slotOf(RISK_FACTOR_COLUMNS[r]));
    const atTimepoint = new Array<CohortAssessment | undefined>(CSV_TIMEPOINTS.length);
    return (p, put) => {
      const d = p.details;
      const day0 = epochDay(p.procedureDate);
      const age = ageInYears(d.dateOfBirth, p.procedureDate);
      put(c.procedure_ref, procedureRef(p, ctx));
      put(c.patient_ref, ctx.identified ? (d.patientExternalId ?? `mild-patient-${p.patientId}`) : ctx.refs("patient", p.patientId));
      put(c.physician_ref, ctx.identified ? d.physicianEmail : ctx.refs("physician", p.physicianId));
      if (ctx.identified) {
        put(c.patient_mrn, d.mrn);
        put(c.patient_name, d.patientName);
        put(c.date_of_birth, d.dateOfBirth);
        put(c.patient_email, d.email);
        put(c.patient_mobile, d.mobile);
        put(c.preferred_channel, d.preferredChannel);
        put(c.language, d.language);
        put(c.procedure_date, p.procedureDate);
        put(c.device_lot, d.deviceLot);
        put(c.prior_treatment_date, d.priorTreatmentDate);
        put(c.prior_treatment_acknowledged, d.priorTreatmentAcknowledged);
        put(c.notes, d.notes);
      }
      put(c.site, d.siteCode);
      put(c.procedure_year, Number(p.procedureDate.slice(0, 4)));
      put(c.age_at_procedure, ctx.identified ? age : deidentifiedAge(age));
      put(c.sex, d.sex);
      put(c.diagnosis, p.diagnosis);
      put(c.levels, p.levels);
      put(c.side, d.side);
      put(c.anaesthesia, d.anaesthesia);
      put(c.prior_treatment_type, d.priorTreatmentType);
      put(c.prior_treatment_days_before, d.priorTreatmentDate ? day0 - epochDay(d.priorTreatmentDate) : null);
      put(c.prior_treatment_flag, p.priorTreatmentFlag);
      for (let i = 0; i < riskColumns.length; i++) put(riskColumns[i]!, (p.riskMask >> i) & 1);
      // Each timepoint's first follow-up in the cohort's order (day, then id), in one pass rather than a search per timepoint.
      atTimepoint.fill(undefined);
      for (const f of p.followUps) {
        const i = FOLLOW_UP_POSITION.get(f.timepoint);
        if (i !== undefined && i > 0 && atTimepoint[i] === undefined) atTimepoint[i] = f;
      }
      atTimepoint[0] = p.baseline ?? undefined;
      for (let i = 0; i < timepointColumns.length; i++) {
        const a = atTimepoint[i];
        if (!a) continue;
        const tp = timepointColumns[i]!;
        put(tp.assessedOn, a.assessedOn);
        put(tp.day, a.day);
        for (const { slot, field } of tp.scores) put(slot, a[field]);
        put(tp.reliefOnset, a.reliefOnsetDay === null ? null : fromEpochDay(day0 + a.reliefOnsetDay));
        put(tp.outOfWindowReason, a.outOfWindowReason);
      }
      if ("excluded" in p.relief) put(c.relief_excluded, p.relief.excluded);
      else {
        put(c.relief_event, p.relief.event);
        put(c.relief_day, p.relief.day);
      }
      put(c.complications_total, p.complicationsTotal);
      put(c.complication_in_definition, p.hasQualifyingComplication);
      put(c.worst_grade, p.worstGrade);
    };
  });
}

export function complicationLayout(ctx: RecordContext): CsvLayout<ExportComplication> {
  return layout(COMPLICATION_COLUMNS, ctx.identified, (slotOf) => (c, put) => {
    const day0 = epochDay(c.procedureDate);
    const values: Record<string, Cell> = {
      complication_ref: ctx.identified ? (c.externalId ?? `mild-complication-${c.id}`) : ctx.refs("complication", c.id),
      procedure_ref: procedureRef({ id: c.procedureId, details: { procedureExternalId: c.procedureExternalId } }, ctx),
      patient_ref: ctx.identified ? (c.patientExternalId ?? `mild-patient-${c.patientId}`) : ctx.refs("patient", c.patientId),
      physician_ref: ctx.identified ? c.physicianEmail : ctx.refs("physician", c.physicianId),
      site: c.siteCode,
      procedure_year: Number(c.procedureDate.slice(0, 4)),
      type: c.type,
      type_other: c.typeOther,
      onset_date: c.onsetDate,
      onset_day: epochDay(c.onsetDate) - day0,
      serious: c.serious,
      grade: c.grade,
      relatedness: c.relatedness,
      treatment: c.treatment,
      outcome: c.outcome,
      reported_at: c.reportedAt,
      reported_day: epochDay(c.reportedAt.slice(0, 10)) - day0,
      adjudication_status: c.adjudicationStatus,
      final_grade: c.finalGrade,
      final_relatedness: c.finalRelatedness,
      adjudicated_by: c.adjudicatedByEmail,
      adjudicated_at: c.adjudicatedAt,
      adjudication_note: c.adjudicationNote,
      in_definition: c.inDefinition,
    };
    // A few complication reports per hundred procedures: looking their columns up by name costs nothing.
    for (const column in values) put(slotOf(column), values[column]);
  });
}

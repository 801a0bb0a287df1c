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

/** Puts a value in its column (formatted for the column's kind); a column the file leaves out is skipped. */
type Put = (column: string, value: Cell) => void;

function layout<T>(all: readonly ColumnSpec[], identified: boolean, fill: (item: T, put: Put) => void): CsvLayout<T> {
  const columns = columnsFor(all, identified);
  // Column positions and kinds looked up once per file, not once per cell.
  const slot = new Map(columns.map((c, i) => [c.name, { index: i, numeric: c.kind === "number" }]));
  return {
    header: columns.map((c) => c.name),
    toRecord: (item) => {
      const cells = new Array<string>(columns.length).fill("");
      fill(item, (column, value) => {
        const s = slot.get(column);
        if (s) cells[s.index] = s.numeric ? numberCell(value as number | boolean | null | undefined) : textCell(value);
      });
      return cells;
    },
  };
}

export const procedureRef = (p: { id: number; details: { procedureExternalId: string | null } }, ctx: RecordContext) =>
  ctx.identified ? (p.details.procedureExternalId ?? `mild-procedure-${p.id}`) : ctx.refs("procedure", p.id);

export function procedureLayout(ctx: RecordContext): CsvLayout<ExportProcedure> {
  const timepointColumns = CSV_TIMEPOINTS.map(({ timepoint, suffix }) => ({
    timepoint,
    assessedOn: assessedOnColumn(suffix),
    day: dayColumn(suffix),
    scores: SCORE_COLUMNS.map(({ prefix, field }) => ({ column: scoreColumn(prefix, suffix), field })),
    reliefOnset: reliefOnsetColumn(suffix),
    outOfWindowReason: outOfWindowReasonColumn(suffix),
  }));
  const riskColumns = RISK_FACTORS.map((r) => RISK_FACTOR_COLUMNS[r]);
  return layout(PROCEDURE_COLUMNS, ctx.identified, (p, put) => {
    const d = p.details;
    const day0 = epochDay(p.procedureDate);
    const age = ageInYears(d.dateOfBirth, p.procedureDate);
    put("procedure_ref", procedureRef(p, ctx));
    put("patient_ref", ctx.identified ? (d.patientExternalId ?? `mild-patient-${p.patientId}`) : ctx.refs("patient", p.patientId));
    put("physician_ref", ctx.identified ? d.physicianEmail : ctx.refs("physician", p.physicianId));
    if (ctx.identified) {
      put("patient_mrn", d.mrn);
      put("patient_name", d.patientName);
      put("date_of_birth", d.dateOfBirth);
      put("patient_email", d.email);
      put("patient_mobile", d.mobile);
      put("preferred_channel", d.preferredChannel);
      put("language", d.language);
      put("procedure_date", p.procedureDate);
      put("device_lot", d.deviceLot);
      put("prior_treatment_date", d.priorTreatmentDate);
      put("prior_treatment_acknowledged", d.priorTreatmentAcknowledged);
      put("notes", d.notes);
    }
    put("site", d.siteCode);
    put("procedure_year", Number(p.procedureDate.slice(0, 4)));
    put("age_at_procedure", ctx.identified ? age : deidentifiedAge(age));
    put("sex", d.sex);
    put("diagnosis", p.diagnosis);
    put("levels", p.levels);
    put("side", d.side);
    put("anaesthesia", d.anaesthesia);
    put("prior_treatment_type", d.priorTreatmentType);
    put("prior_treatment_days_before", d.priorTreatmentDate ? day0 - epochDay(d.priorTreatmentDate) : null);
    put("prior_treatment_flag", p.priorTreatmentFlag);
    riskColumns.forEach((column, i) => put(column, (p.riskMask >> i) & 1));
    for (const tp of timepointColumns) {
      const a: CohortAssessment | undefined = tp.timepoint === "baseline" ? (p.baseline ?? undefined) : p.followUps.find((f) => f.timepoint === tp.timepoint);
      if (!a) continue;
      put(tp.assessedOn, a.assessedOn);
      put(tp.day, a.day);
      for (const { column, field } of tp.scores) put(column, a[field]);
      put(tp.reliefOnset, a.reliefOnsetDay === null ? null : fromEpochDay(day0 + a.reliefOnsetDay));
      put(tp.outOfWindowReason, a.outOfWindowReason);
    }
    if ("excluded" in p.relief) put("relief_excluded", p.relief.excluded);
    else {
      put("relief_event", p.relief.event);
      put("relief_day", p.relief.day);
    }
    put("complications_total", p.complicationsTotal);
    put("complication_in_definition", p.hasQualifyingComplication);
    put("worst_grade", p.worstGrade);
  });
}

export function complicationLayout(ctx: RecordContext): CsvLayout<ExportComplication> {
  return layout(COMPLICATION_COLUMNS, ctx.identified, (c, put) => {
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
    for (const column in values) put(column, values[column]);
  });
}

import { SimpleTable } from "@/components/table/SimpleTable";
import type { HistoryEntry } from "@/lib/dal/audit/history";
import { RISK_FACTORS, type Timepoint } from "@/db/enums";
import { RISK_FACTOR_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";
import { dash, displayTimestamp } from "./format";
import {
  ADJUDICATION_LABELS,
  ANAESTHESIA_LABELS,
  COMPLICATION_OUTCOME_LABELS,
  COMPLICATION_TYPE_LABELS,
  DIAGNOSIS_LABELS,
  PRIOR_TREATMENT_LABELS,
  RELATEDNESS_LABELS,
  SEX_LABELS,
  SIDE_LABELS,
  labelOf,
  romanGrade,
  yesNo,
} from "@/lib/labels";

type Row = Record<string, unknown>;

const FIELD_LABELS: Record<string, string> = {
  siteId: "Site",
  mrn: "MRN",
  name: "Name",
  dateOfBirth: "Date of birth",
  sex: "Sex",
  diagnosis: "Diagnosis",
  ...Object.fromEntries(RISK_FACTORS.map((r) => [r, RISK_FACTOR_LABELS[r]])),
  procedureDate: "Procedure date",
  levels: "Levels",
  side: "Side",
  anaesthesia: "Anaesthesia",
  deviceLot: "Device lot",
  priorTreatmentType: "Prior lumbar treatment",
  priorTreatmentDate: "Prior treatment date",
  priorTreatmentFlag: "Exclusion flag",
  priorTreatmentAcknowledged: "Exclusion acknowledged",
  notes: "Notes",
  timepoint: "Timepoint",
  assessedOn: "Assessment date",
  nprsBack: "NPRS back",
  nprsLeg: "NPRS leg",
  odi: "ODI %",
  odiSections: "ODI sections",
  walkingMinutes: "Walking tolerance (min)",
  standingMinutes: "Standing tolerance (min)",
  reliefOnsetDate: "Relief onset",
  type: "Type",
  typeOther: "Description",
  onsetDate: "Onset",
  serious: "Serious",
  grade: "Clavien–Dindo grade",
  relatedness: "Related to",
  treatment: "Treatment",
  outcome: "Outcome",
  adjudicationStatus: "Adjudication",
  adjudicationNote: "Adjudicator's note",
  finalGrade: "Adjudicated grade",
  finalRelatedness: "Adjudicated relatedness",
  informationAnswer: "Answer to the adjudicator",
  adjudicatedAt: "Adjudicated at",
};

// Bookkeeping columns and internal ids: they change with every write or cannot change, and say nothing a reader needs.
const HIDDEN = new Set([
  "id",
  "createdAt",
  "updatedAt",
  "createdBy",
  "externalId",
  "reportedBy",
  "reportedAt",
  "adjudicatedBy",
  "procedureId",
  "patientId",
  "physicianId",
  "primaryPhysicianId",
]);

const ENUM_LABELS: Record<string, Record<string, string>> = {
  sex: SEX_LABELS,
  diagnosis: DIAGNOSIS_LABELS,
  side: SIDE_LABELS,
  anaesthesia: ANAESTHESIA_LABELS,
  priorTreatmentType: PRIOR_TREATMENT_LABELS,
  timepoint: TIMEPOINT_LABELS,
  type: COMPLICATION_TYPE_LABELS,
  relatedness: RELATEDNESS_LABELS,
  finalRelatedness: RELATEDNESS_LABELS,
  outcome: COMPLICATION_OUTCOME_LABELS,
  adjudicationStatus: ADJUDICATION_LABELS,
};

function show(field: string, value: unknown, siteNames: Record<number, string>): string {
  if (value === null || value === undefined || value === "") return dash;
  if (typeof value === "boolean") return yesNo(value);
  if (field === "siteId" && typeof value === "number") return siteNames[value] ?? `Site ${value}`;
  if ((field === "grade" || field === "finalGrade") && typeof value === "number") return romanGrade(value);
  if (ENUM_LABELS[field] && typeof value === "string") return labelOf(ENUM_LABELS[field], value);
  if (field === "levels" && typeof value === "string") return value.split(",").join(", ");
  if (field === "odiSections" && typeof value === "string") {
    try {
      return (JSON.parse(value) as (number | null)[]).map((s) => (s === null ? "–" : String(s))).join(" ");
    } catch {
      return value;
    }
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return displayDate(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return displayTimestamp(value);
  return String(value);
}

const asRow = (v: unknown): Row | null => (v && typeof v === "object" ? (v as Row) : null);

function changedFields(before: Row, after: Row): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !HIDDEN.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

const ACTION_VERBS: Record<string, string> = { create: "created", update: "edited", report: "reported", adjudicate: "adjudicated", delete: "deleted" };
// Actions whose last part says more than the verb: an adjudication's decision, the physician's answer to a question.
const ACTION_TEXTS: Record<string, string> = {
  "complication.adjudicate.confirm": "Complication confirmed on adjudication",
  "complication.adjudicate.reject": "Complication adjudicated: not a complication",
  "complication.adjudicate.needs_info": "Adjudicator asked for more information",
  "complication.answer_information_request": "Physician answered the adjudicator's question",
};
const ENTITY_NAMES: Record<string, string> = { patient: "Patient", procedure: "Procedure", assessment: "Assessment", complication: "Complication" };

function describe(entry: HistoryEntry): string {
  const [, verb = entry.action] = entry.action.split(".");
  const what = ENTITY_NAMES[entry.entity] ?? entry.entity;
  const known = ACTION_TEXTS[entry.action];
  const row = asRow(entry.after) ?? asRow(entry.before);
  let detail = "";
  if (entry.entity === "assessment" && row?.timepoint) {
    detail = ` · ${TIMEPOINT_LABELS[row.timepoint as Timepoint] ?? row.timepoint}${typeof row.assessedOn === "string" ? `, ${displayDate(row.assessedOn)}` : ""}`;
  }
  if (entry.entity === "complication" && typeof row?.type === "string") detail = ` · ${labelOf(COMPLICATION_TYPE_LABELS, row.type)}`;
  // An action this list does not know yet is still said in words, never as its internal name.
  return `${known ?? `${what} ${ACTION_VERBS[verb] ?? verb.replaceAll("_", " ")}`}${detail}`;
}

/**
 * The audit trail of a record, newest first: who, when, what, and for an edit each changed field as
 * before → after in words (labels, readable dates), not raw JSON.
 */
export function HistoryList({ entries, siteNames = {} }: { entries: HistoryEntry[]; siteNames?: Record<number, string> }) {
  if (entries.length === 0) return <p className="muted">No recorded changes.</p>;
  return (
    <ol className="history">
      {entries.map((e) => {
        const before = asRow(e.before);
        const after = asRow(e.after);
        const changes = before && after ? changedFields(before, after) : [];
        const created = !before && after ? Object.keys(after).filter((k) => !HIDDEN.has(k) && after[k] !== null && after[k] !== false && after[k] !== "") : [];
        return (
          <li key={e.id} className="history-entry">
            <p className="history-head">
              <strong>{describe(e)}</strong>
              <span className="muted">
                {" "}
                by {e.userEmail ?? "the system"}
                {e.onBehalfOfEmail && ` on behalf of ${e.onBehalfOfEmail}`} · <time dateTime={e.at}>{displayTimestamp(e.at)}</time>
              </span>
            </p>
            {changes.length > 0 && (
              <SimpleTable
                caption="Changed fields"
                hiddenCaption
                columns={[
                  { header: "Field", rowHeader: true, cell: (k) => FIELD_LABELS[k] ?? k },
                  { header: "Before", cell: (k) => <del>{show(k, before![k], siteNames)}</del> },
                  { header: "After", cell: (k) => <ins>{show(k, after![k], siteNames)}</ins> },
                ]}
                rows={changes}
                rowKey={(k) => k}
                className="compact history-changes"
              />
            )}
            {before && after && changes.length === 0 && <p className="muted small">No field changed.</p>}
            {created.length > 0 && (
              <details className="history-values">
                <summary>Values recorded</summary>
                <dl className="facts compact">
                  {created.map((k) => (
                    <div key={k}>
                      <dt>{FIELD_LABELS[k] ?? k}</dt>
                      <dd>{show(k, after![k], siteNames)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}

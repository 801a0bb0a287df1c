/**
 * The one place for the words shown for stored codes (diagnoses, timepoints, complication types, roles, …): the
 * record screens, filters, dashboard descriptions, history and exports all read them here, so a code reads the
 * same on every screen.
 */
import type {
  ALERT_KINDS,
  ADJUDICATION_STATUSES,
  ANAESTHESIA_KINDS,
  ASSESSMENT_SOURCES,
  COMPLICATION_OUTCOMES,
  INVITATION_CHANNELS,
  INVITATION_STATUSES,
  ComplicationType,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  FOLLOW_UP_STATUSES,
  SUBSEQUENT_SURGERY_TYPES,
  DIAGNOSES,
  PRIOR_TREATMENT_TYPES,
  PROCEDURE_SIDES,
  RELATEDNESS_KINDS,
  SEXES,
  RiskFactor,
  Timepoint,
} from "@/db/enums";
import type { FollowUpState } from "@/lib/outcomes/timepoints";

type LabelsOf<T extends readonly string[]> = Record<T[number], string>;

/** The choices of a select, radio group or filter: each stored code with its words, in the codes' order. */
export function labelledOptions<K extends string>(codes: readonly K[], labels: Record<K, string>): { value: K; label: string }[] {
  return codes.map((value) => ({ value, label: labels[value] }));
}

export const TIMEPOINT_LABELS: Record<Timepoint, string> = {
  baseline: "Baseline",
  day_1_3: "Day 1–3",
  week_2: "2 weeks",
  week_6: "6 weeks",
  month_3: "3 months",
  month_6: "6 months",
  month_12: "12 months",
  month_24: "24 months",
  unscheduled: "Unscheduled",
};

export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  scoliosisKyphosis: "Scoliosis or kyphosis",
  previousSpinalFracture: "Previous spinal fracture",
  previousSpinalSurgery: "Previous spinal surgery",
  medicationAllergies: "Medication allergies",
  diabetes: "Diabetes",
  cardiovascularDisease: "Cardiovascular disease",
  smoking: "Smoking",
  heavyDrinking: "Heavy drinking",
};

export const ROLE_LABELS = { physician: "Physician", quality_officer: "Quality officer", admin: "Administrator", coordinator: "Coordinator" } as const;

export const FOLLOW_UP_STATUS_LABELS: LabelsOf<typeof FOLLOW_UP_STATUSES> = {
  active: "Active",
  lost: "Lost to follow-up",
  withdrawn: "Withdrawn",
  deceased: "Deceased",
};

export const CONTACT_CHANNEL_LABELS: LabelsOf<typeof CONTACT_CHANNELS> = {
  phone: "Phone",
  email: "Email",
  letter: "Letter",
  text_message: "Text message",
  in_person: "In person",
};

export const CONTACT_OUTCOME_LABELS: LabelsOf<typeof CONTACT_OUTCOMES> = {
  reached: "Reached",
  no_answer: "No answer",
  left_message: "Left a message",
  wrong_number: "Wrong number or address",
  declined: "Declined the visit",
};

export const SUBSEQUENT_SURGERY_LABELS: LabelsOf<typeof SUBSEQUENT_SURGERY_TYPES> = {
  reoperation_treated_levels: "Reoperation at the treated levels",
  laminectomy: "Laminectomy",
  fusion: "Fusion",
  repeat_mild: "Another MILD",
  other: "Other lumbar surgery",
};

export const SEX_LABELS: LabelsOf<typeof SEXES> = { female: "Female", male: "Male", other: "Other", unknown: "Unknown" };

export const DIAGNOSIS_LABELS: LabelsOf<typeof DIAGNOSES> = {
  stenosis: "Lumbar spinal stenosis",
  herniated_disc: "Herniated disc",
  other: "Other lumbar nerve compression",
};

export const SIDE_LABELS: LabelsOf<typeof PROCEDURE_SIDES> = { bilateral: "Bilateral", left: "Left", right: "Right" };

export const ANAESTHESIA_LABELS: LabelsOf<typeof ANAESTHESIA_KINDS> = {
  local: "Local",
  local_sedation: "Local with sedation",
  general: "General",
};

export const PRIOR_TREATMENT_LABELS: LabelsOf<typeof PRIOR_TREATMENT_TYPES> = {
  laminectomy: "Laminectomy",
  laminotomy: "Laminotomy",
  fusion: "Fusion",
  interspinous_process_decompression: "Interspinous process decompression",
  mild: "Previous MILD",
};

export const COMPLICATION_TYPE_LABELS: Record<ComplicationType, string> = {
  incision_discomfort: "Discomfort at the incision",
  temporary_numbness: "Temporary numbness",
  bleeding: "Bleeding",
  allergic_reaction: "Allergic reaction",
  spinal_nerve_damage: "Spinal nerve damage",
  infection: "Infection",
  dural_tear_csf_leak: "Dural tear / CSF leak",
  hematoma: "Hematoma",
  new_neurological_deficit: "New neurological deficit",
  readmission: "Readmission",
  reoperation: "Reoperation",
  death: "Death",
  other: "Other",
};

export const RELATEDNESS_LABELS: LabelsOf<typeof RELATEDNESS_KINDS> = {
  device: "Device",
  procedure: "Procedure",
  anaesthesia: "Anaesthesia",
  unrelated: "Unrelated",
  unknown: "Unknown",
};

export const COMPLICATION_OUTCOME_LABELS: LabelsOf<typeof COMPLICATION_OUTCOMES> = {
  resolved: "Resolved",
  ongoing: "Ongoing",
  permanent: "Permanent",
  fatal: "Fatal",
};

export const ADJUDICATION_LABELS: LabelsOf<typeof ADJUDICATION_STATUSES> = {
  pending: "Awaiting adjudication",
  confirmed: "Confirmed",
  rejected: "Not a complication",
  needs_info: "Needs information",
};

export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
  done: "Done",
  due: "Due",
  overdue: "Overdue",
  missed: "Missed",
  not_yet_due: "Not yet due",
};

/**
 * Clavien–Dindo classification (Dindo, Demartines & Clavien, Ann Surg 2004), stored as 1–5, shown as I–V,
 * each with the one-line definition a reporter grades against.
 */
export const CLAVIEN_DINDO = [
  {
    grade: 1,
    roman: "I",
    description: "Deviation from the normal course without drugs (beyond analgesics, antiemetics, antipyretics), surgery or radiological intervention",
  },
  { grade: 2, roman: "II", description: "Needs drug treatment beyond grade I, blood transfusion or parenteral nutrition" },
  { grade: 3, roman: "III", description: "Needs a surgical, endoscopic or radiological intervention" },
  { grade: 4, roman: "IV", description: "Life-threatening: needs intensive or intermediate care" },
  { grade: 5, roman: "V", description: "Death of the patient" },
] as const;

export function romanGrade(grade: number | null | undefined): string {
  return CLAVIEN_DINDO.find((g) => g.grade === grade)?.roman ?? "—";
}

export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === "") return "—";
  return labels[code] ?? code;
}

export const yesNo = (b: boolean) => (b ? "Yes" : "No");

export const INVITATION_CHANNEL_LABELS: LabelsOf<typeof INVITATION_CHANNELS> = { email: "Email", letter: "Printed letter (QR code)" };

export const ASSESSMENT_SOURCE_LABELS: LabelsOf<typeof ASSESSMENT_SOURCES> = { clinic: "Clinic", patient: "Patient (link)" };

export const INVITATION_STATUS_LABELS: LabelsOf<typeof INVITATION_STATUSES> = {
  planned: "Planned",
  sent: "Sent",
  opened: "Opened",
  completed: "Completed",
  expired: "Expired",
  failed: "Failed",
};

/** The Patient Global Impression of Change, 1 … 7, as the built-in instrument file words it. */
export const PGIC_LABELS = [
  "Very much improved",
  "Much improved",
  "Minimally improved",
  "No change",
  "Minimally worse",
  "Much worse",
  "Very much worse",
] as const;

export const ALERT_KIND_LABELS: LabelsOf<typeof ALERT_KINDS> = {
  serious_complication: "Serious complication",
  cusum_signal: "CUSUM signal",
  review_overdue: "Waiting for adjudication",
};

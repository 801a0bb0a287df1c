/**
 * The closed vocabularies of the data model, shared by the schema's CHECK constraints, the zod schemas
 * and the UI labels. Sources: the clinic's MILD patient page (side effects, risk factors, exclusions) and
 * the spine-registry conventions in the domain brief (timepoints, Clavien–Dindo, relatedness).
 */
/** A coordinator (nurse, research coordinator) enters records at their sites on behalf of a physician of those sites. */
export const ROLES = ["physician", "quality_officer", "admin", "coordinator"] as const;
export type Role = (typeof ROLES)[number];

export const SEXES = ["female", "male", "other", "unknown"] as const;
export const DIAGNOSES = ["stenosis", "herniated_disc", "other"] as const;
export const PROCEDURE_SIDES = ["bilateral", "left", "right"] as const;
export const ANAESTHESIA_KINDS = ["local", "local_sedation", "general"] as const;
export const LEVELS = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"] as const;

/** Lumbar treatments that, within 12 months before MILD, make the case an exclusion to flag. */
export const PRIOR_TREATMENT_TYPES = ["laminectomy", "laminotomy", "fusion", "interspinous_process_decompression", "mild"] as const;

export const TIMEPOINTS = ["baseline", "day_1_3", "week_2", "week_6", "month_3", "month_6", "month_12", "month_24", "unscheduled"] as const;
export type Timepoint = (typeof TIMEPOINTS)[number];

export const COMPLICATION_TYPES = [
  // the five side effects named on the clinic page
  "incision_discomfort",
  "temporary_numbness",
  "bleeding",
  "allergic_reaction",
  "spinal_nerve_damage",
  // events spine registries track
  "infection",
  "dural_tear_csf_leak",
  "hematoma",
  "new_neurological_deficit",
  "readmission",
  "reoperation",
  "death",
  "other",
] as const;
export type ComplicationType = (typeof COMPLICATION_TYPES)[number];

export const RELATEDNESS_KINDS = ["device", "procedure", "anaesthesia", "unrelated", "unknown"] as const;
export const COMPLICATION_OUTCOMES = ["resolved", "ongoing", "permanent", "fatal"] as const;
export const ADJUDICATION_STATUSES = ["pending", "confirmed", "rejected", "needs_info"] as const;

export const RISK_FACTORS = [
  "scoliosisKyphosis",
  "previousSpinalFracture",
  "previousSpinalSurgery",
  "medicationAllergies",
  "diabetes",
  "cardiovascularDisease",
  "smoking",
  "heavyDrinking",
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** What a note in an adjudication thread is: the quality officer's question, the physician's answer, or a decision's reason. */
export const COMPLICATION_NOTE_KINDS = ["question", "answer", "decision"] as const;

/** How a message reaches a patient; SMS is a later provider behind the same channel interface (lib/messaging/channel.ts). */
export const MESSAGE_CHANNELS = ["email"] as const;
export type MessageChannelName = (typeof MESSAGE_CHANNELS)[number];
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How a patient prefers to be reached: by email (the outbox), or a printed letter with the link as a QR code. */
export const INVITATION_CHANNELS = ["email", "letter"] as const;

/** How a patient's opt-out was recorded: from the link in a message, or by staff on the patient's word. */
export const OPT_OUT_METHODS = ["link", "staff"] as const;
/** Who entered an assessment: the clinic's staff, or the patient through their invitation link. */
export const ASSESSMENT_SOURCES = ["clinic", "patient"] as const;

export const INVITATION_KINDS = ["diary", "follow_up"] as const;
export const INVITATION_STATUSES = ["planned", "sent", "opened", "completed", "expired", "failed"] as const;

/**
 * Whether a procedure is still expected at its follow-up timepoints: only `active` ones count in completeness and
 * appear on the worklist; the others are shown apart, never silently dropped.
 */
export const FOLLOW_UP_STATUSES = ["active", "lost", "withdrawn", "deceased"] as const;
export const INACTIVE_FOLLOW_UP_STATUSES = ["lost", "withdrawn", "deceased"] as const;
export type InactiveFollowUpStatus = (typeof INACTIVE_FOLLOW_UP_STATUSES)[number];
export const CONTACT_CHANNELS = ["phone", "email", "letter", "text_message", "in_person"] as const;
/** How a contact attempt ended; every outcome but `reached` is a failed attempt (counted towards "lost to follow-up"). */
export const CONTACT_OUTCOMES = ["reached", "no_answer", "left_message", "wrong_number", "declined"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Lumbar surgery after MILD: the durability outcome MILD studies report. */
export const SUBSEQUENT_SURGERY_TYPES = ["reoperation_treated_levels", "laminectomy", "fusion", "repeat_mild", "other"] as const;
export type SubsequentSurgeryType = (typeof SUBSEQUENT_SURGERY_TYPES)[number];

/**
 * What a quality officer (and the physician concerned) is told about (issue 18): a serious complication reported,
 * a physician's CUSUM signalling, a report waiting for adjudication too long.
 */
export const ALERT_KINDS = ["serious_complication", "cusum_signal", "review_overdue"] as const;

/**
 * The clinical records of the one schema (db/schemaDefinition.ts): patients, their procedures, the assessments
 * and the complication reports, with the CHECK constraints that hold whatever code writes a row.
 */
import { sql } from "drizzle-orm";
import {
  ADJUDICATION_STATUSES,
  ANAESTHESIA_KINDS,
  ASSESSMENT_SOURCES,
  INVITATION_CHANNELS,
  OPT_OUT_METHODS,
  COMPLICATION_OUTCOMES,
  COMPLICATION_TYPES,
  DIAGNOSES,
  PRIOR_TREATMENT_TYPES,
  PROCEDURE_SIDES,
  RELATEDNESS_KINDS,
  SEXES,
  TIMEPOINTS,
} from "./enums";
import { authoredTimestamps, oneOf, requiredRef, timestamps, type SchemaKit } from "./schemaKits";
import type { defineAccountTables } from "./schemaDefinition";

type AccountTables = ReturnType<typeof defineAccountTables>;

export function defineRecordTables(k: SchemaKit, { sites, users }: AccountTables) {
  const patients = k.table(
    "patients",
    {
      id: k.id(),
      siteId: requiredRef(k, "site_id", () => sites.id),
      mrn: k.text("mrn").notNull(),
      name: k.text("name").notNull(),
      dateOfBirth: k.text("date_of_birth").notNull(),
      sex: k.text("sex", { enum: SEXES }).notNull(),
      diagnosis: k.text("diagnosis", { enum: DIAGNOSES }).notNull(),
      /** The physician responsible for the patient; a physician sees patients they own or treated. */
      primaryPhysicianId: k.integer("primary_physician_id").references(() => users.id),
      // Risk factors named on the clinic's patient page.
      scoliosisKyphosis: k.boolean("scoliosis_kyphosis").notNull().default(false),
      previousSpinalFracture: k.boolean("previous_spinal_fracture").notNull().default(false),
      previousSpinalSurgery: k.boolean("previous_spinal_surgery").notNull().default(false),
      medicationAllergies: k.boolean("medication_allergies").notNull().default(false),
      diabetes: k.boolean("diabetes").notNull().default(false),
      cardiovascularDisease: k.boolean("cardiovascular_disease").notNull().default(false),
      smoking: k.boolean("smoking").notNull().default(false),
      heavyDrinking: k.boolean("heavy_drinking").notNull().default(false),
      externalId: k.text("external_id").unique(),
      // Contact (identifiers: never in a de-identified export). Consent to be contacted is recorded with when,
      // by whom and which wording (lib/outcomes/contactConsent.ts); an opt-out later than the consent stops it.
      email: k.text("email"),
      mobile: k.text("mobile"),
      preferredChannel: k.text("preferred_channel", { enum: INVITATION_CHANNELS }).notNull().default("email"),
      language: k.text("language").notNull().default("en"),
      contactConsentAt: k.text("contact_consent_at"),
      contactConsentBy: k.integer("contact_consent_by").references(() => users.id),
      contactConsentVersion: k.text("contact_consent_version"),
      optedOutAt: k.text("opted_out_at"),
      optOutMethod: k.text("opt_out_method", { enum: OPT_OUT_METHODS }),
      ...timestamps(k),
    },
    (t) => [
      k.check("patients_channel_check", oneOf("preferred_channel", INVITATION_CHANNELS)),
      k.check("patients_opt_out_method_check", sql`opt_out_method IS NULL OR ${oneOf("opt_out_method", OPT_OUT_METHODS)}`),
      k.check("patients_consent_check", sql`contact_consent_at IS NULL OR contact_consent_version IS NOT NULL`),
      k.uniqueIndex("patients_site_mrn_unique").on(t.siteId, t.mrn),
      k.index("patients_primary_physician_idx").on(t.primaryPhysicianId),
      k.check("patients_sex_check", oneOf("sex", SEXES)),
      k.check("patients_diagnosis_check", oneOf("diagnosis", DIAGNOSES)),
      k.check("patients_dob_check", k.isoDate("date_of_birth")),
      k.check("patients_mrn_check", sql`length(trim(mrn)) > 0`),
    ],
  );

  const procedures = k.table(
    "procedures",
    {
      id: k.id(),
      patientId: requiredRef(k, "patient_id", () => patients.id),
      /** The physician who performed the procedure: the link that scopes a physician's outcomes. */
      physicianId: requiredRef(k, "physician_id", () => users.id),
      siteId: requiredRef(k, "site_id", () => sites.id),
      procedureDate: k.text("procedure_date").notNull(),
      /** Comma-separated interlaminar levels treated, e.g. `L3-L4,L4-L5`. */
      levels: k.text("levels").notNull(),
      side: k.text("side", { enum: PROCEDURE_SIDES }).notNull(),
      anaesthesia: k.text("anaesthesia", { enum: ANAESTHESIA_KINDS }).notNull(),
      deviceLot: k.text("device_lot"),
      /** Lumbar treatment in the 12 months before: an exclusion on the clinic page, recorded and flagged. */
      priorTreatmentType: k.text("prior_treatment_type", { enum: PRIOR_TREATMENT_TYPES }),
      priorTreatmentDate: k.text("prior_treatment_date"),
      priorTreatmentFlag: k.boolean("prior_treatment_flag").notNull().default(false),
      priorTreatmentAcknowledged: k.boolean("prior_treatment_acknowledged").notNull().default(false),
      notes: k.text("notes"),
      externalId: k.text("external_id").unique(),
      ...authoredTimestamps(k, () => users.id),
    },
    (t) => [
      k.index("procedures_physician_date_idx").on(t.physicianId, t.procedureDate),
      k.index("procedures_site_date_idx").on(t.siteId, t.procedureDate),
      k.index("procedures_date_idx").on(t.procedureDate),
      k.index("procedures_patient_idx").on(t.patientId),
      k.check("procedures_date_check", k.isoDate("procedure_date")),
      k.check("procedures_side_check", oneOf("side", PROCEDURE_SIDES)),
      k.check("procedures_anaesthesia_check", oneOf("anaesthesia", ANAESTHESIA_KINDS)),
      k.check("procedures_levels_check", k.levelsPattern("levels")),
      k.check("procedures_prior_type_check", sql`prior_treatment_type IS NULL OR ${oneOf("prior_treatment_type", PRIOR_TREATMENT_TYPES)}`),
      k.check("procedures_prior_date_check", sql`prior_treatment_date IS NULL OR ${k.isoDate("prior_treatment_date")}`),
      // A flagged procedure must say what the prior treatment was.
      k.check("procedures_prior_flag_check", sql`${k.isFalse("prior_treatment_flag")} OR prior_treatment_type IS NOT NULL`),
    ],
  );

  const assessments = k.table(
    "assessments",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      timepoint: k.text("timepoint", { enum: TIMEPOINTS }).notNull(),
      assessedOn: k.text("assessed_on").notNull(),
      nprsBack: k.integer("nprs_back"),
      nprsLeg: k.integer("nprs_leg"),
      /** ODI as a percentage; when section answers are given it is their score (sum / (5 × answered) × 100). */
      odi: k.real("odi"),
      odiSections: k.text("odi_sections"),
      walkingMinutes: k.real("walking_minutes"),
      standingMinutes: k.real("standing_minutes"),
      reliefOnsetDate: k.text("relief_onset_date"),
      /** Patient's global impression of change, 1 (very much improved) … 7 (very much worse). */
      pgic: k.integer("pgic"),
      /** Who entered it: the clinic, or the patient through their link (lib/dal/invitations/patientAnswers.ts). */
      source: k.text("source", { enum: ASSESSMENT_SOURCES }).notNull().default("clinic"),
      /** A patient-reported assessment corrected by staff keeps the patient's values here (JSON), with the reason. */
      patientOriginal: k.text("patient_original"),
      correctionReason: k.text("correction_reason"),
      /** Dated outside its timepoint's window and kept on purpose ("outside the window, keep it"), with the reason given. */
      outOfWindow: k.boolean("out_of_window").notNull().default(false),
      outOfWindowReason: k.text("out_of_window_reason"),
      externalId: k.text("external_id").unique(),
      ...authoredTimestamps(k, () => users.id),
    },
    (t) => [
      k.index("assessments_procedure_idx").on(t.procedureId, t.timepoint),
      // One assessment per scheduled timepoint; unscheduled visits may repeat.
      k
        .uniqueIndex("assessments_procedure_timepoint_unique")
        .on(t.procedureId, t.timepoint)
        .where(sql`timepoint <> 'unscheduled'`),
      k.check("assessments_timepoint_check", oneOf("timepoint", TIMEPOINTS)),
      k.check("assessments_date_check", k.isoDate("assessed_on")),
      k.check("assessments_nprs_back_check", sql`nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)`),
      k.check("assessments_nprs_leg_check", sql`nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)`),
      k.check("assessments_odi_check", sql`odi IS NULL OR (odi BETWEEN 0 AND 100)`),
      k.check("assessments_walking_check", sql`walking_minutes IS NULL OR (walking_minutes BETWEEN 0 AND 1440)`),
      k.check("assessments_standing_check", sql`standing_minutes IS NULL OR (standing_minutes BETWEEN 0 AND 1440)`),
      k.check("assessments_source_check", oneOf("source", ASSESSMENT_SOURCES)),
      k.check("assessments_pgic_check", sql`pgic IS NULL OR (pgic BETWEEN 1 AND 7)`),
      k.check("assessments_relief_date_check", sql`relief_onset_date IS NULL OR ${k.isoDate("relief_onset_date")}`),
      // At least one score: an assessment with nothing measured is not an assessment.
      k.check("assessments_has_score_check", sql`coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes, pgic) IS NOT NULL`),
      // Kept outside the window only with a reason; no reason without the tick.
      k.check(
        "assessments_out_of_window_check",
        sql`(${k.isFalse("out_of_window")} AND out_of_window_reason IS NULL) OR (NOT (${k.isFalse("out_of_window")}) AND length(trim(out_of_window_reason)) > 0)`,
      ),
    ],
  );

  const complications = k.table(
    "complications",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      type: k.text("type", { enum: COMPLICATION_TYPES }).notNull(),
      typeOther: k.text("type_other"),
      onsetDate: k.text("onset_date").notNull(),
      serious: k.boolean("serious").notNull().default(false),
      /** Clavien–Dindo grade I–V stored as 1–5, as reported. */
      grade: k.integer("grade").notNull(),
      relatedness: k.text("relatedness", { enum: RELATEDNESS_KINDS }).notNull(),
      treatment: k.text("treatment"),
      outcome: k.text("outcome", { enum: COMPLICATION_OUTCOMES }).notNull(),
      reportedBy: k.integer("reported_by").references(() => users.id),
      reportedAt: k.text("reported_at").notNull().default(k.nowIso),
      adjudicationStatus: k.text("adjudication_status", { enum: ADJUDICATION_STATUSES }).notNull().default("pending"),
      adjudicatedBy: k.integer("adjudicated_by").references(() => users.id),
      adjudicatedAt: k.text("adjudicated_at"),
      adjudicationNote: k.text("adjudication_note"),
      /** The adjudicator's grade and relatedness; the reporter's originals above stay untouched. */
      finalGrade: k.integer("final_grade"),
      finalRelatedness: k.text("final_relatedness", { enum: RELATEDNESS_KINDS }),
      externalId: k.text("external_id").unique(),
      ...timestamps(k),
    },
    (t) => [
      k.index("complications_procedure_idx").on(t.procedureId),
      k.index("complications_status_idx").on(t.adjudicationStatus),
      k.check("complications_type_check", oneOf("type", COMPLICATION_TYPES)),
      k.check("complications_other_check", sql`type <> 'other' OR length(trim(coalesce(type_other, ''))) > 0`),
      k.check("complications_onset_check", k.isoDate("onset_date")),
      k.check("complications_grade_check", sql`grade BETWEEN 1 AND 5`),
      k.check("complications_final_grade_check", sql`final_grade IS NULL OR final_grade BETWEEN 1 AND 5`),
      k.check("complications_relatedness_check", oneOf("relatedness", RELATEDNESS_KINDS)),
      k.check("complications_final_relatedness_check", sql`final_relatedness IS NULL OR ${oneOf("final_relatedness", RELATEDNESS_KINDS)}`),
      k.check("complications_outcome_check", oneOf("outcome", COMPLICATION_OUTCOMES)),
      k.check("complications_status_check", oneOf("adjudication_status", ADJUDICATION_STATUSES)),
      // Clavien–Dindo grade V is death; a death must be graded V.
      k.check("complications_death_grade_check", sql`type <> 'death' OR grade = 5`),
    ],
  );

  /**
   * Append-only (triggers in each dialect's custom migration reject UPDATE and DELETE; PostgreSQL's TRUNCATE too). Each row stores the hash of the
   * previous row and its own hash over its content, so editing or removing a row breaks the chain.
   */
  return { patients, procedures, assessments, complications };
}

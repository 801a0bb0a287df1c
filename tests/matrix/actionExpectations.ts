/**
 * The authorization table of the server actions (in-process, real DAL on a temp database); the pages and
 * route handlers are in ./expectations.ts, with the principal and record kinds both tables use.
 */
import { by, type Expectations } from "./expectations";

// ---------------------------------------------------------------------------------------------------------
// Server actions (in-process, real DAL on a temp database)
// ---------------------------------------------------------------------------------------------------------

/**
 * "ok": the action did what was asked (returned success or redirected to the result).
 * "login": refused before the DAL because there is no active session (requirePrincipal).
 * "notFound": refused as if the record did not exist. "forbidden": refused for the role.
 * "invalid": refused with field errors (e.g. a patient the physician cannot see named in a new procedure).
 */
export type ActionOutcome = "ok" | "login" | "notFound" | "forbidden" | "invalid";

export type ActionEntry = {
  /** The DAL function the action delegates its decision to (checked against the action's source). */
  dal: string;
  /** The integration test file holding that DAL function's own matrix (checked to exist and to name it). */
  dalMatrix: string;
  /** What the record is for own / other / missing; null when the action takes none. */
  record: "patient" | "procedure" | "assessment" | "complication" | "user" | "site" | null;
  expect: Expectations<ActionOutcome>;
  why?: string;
};

const SIGNED_OUT_ACTION = { anonymous: "login", disabled: "login", revoked: "login" } as const;
const ANY_SIGNED_IN_ACTION = (o: ActionOutcome): Expectations<ActionOutcome> => ({
  ...SIGNED_OUT_ACTION,
  owner: o,
  otherPhysician: o,
  qualityOfficer: o,
  admin: o,
  coordinator: o,
});
/** Changing an existing clinical record by its own id: its physician or its site's coordinator (on the physician's behalf). */
const WRITE_RECORD_ACTION: Expectations<ActionOutcome> = {
  ...SIGNED_OUT_ACTION,
  owner: by("ok", "notFound", "notFound"),
  otherPhysician: by("notFound", "ok", "notFound"),
  qualityOfficer: "forbidden",
  admin: "forbidden",
  coordinator: by("ok", "notFound", "notFound"),
};
/** Changing a child record (assessment, complication): visible to QO/admin, so they are refused for the role; a missing one is not found. */
const WRITE_CHILD_ACTION: Expectations<ActionOutcome> = {
  ...SIGNED_OUT_ACTION,
  owner: by("ok", "notFound", "notFound"),
  otherPhysician: by("notFound", "ok", "notFound"),
  qualityOfficer: by("forbidden", "forbidden", "notFound"),
  admin: by("forbidden", "forbidden", "notFound"),
  coordinator: by("ok", "notFound", "notFound"),
};
const ADMIN_ON_RECORD: Expectations<ActionOutcome> = {
  ...SIGNED_OUT_ACTION,
  owner: "forbidden",
  otherPhysician: "forbidden",
  qualityOfficer: "forbidden",
  admin: by("ok", "ok", "notFound"),
  coordinator: "forbidden",
};
const ADMIN_ONLY: Expectations<ActionOutcome> = {
  ...SIGNED_OUT_ACTION,
  owner: "forbidden",
  otherPhysician: "forbidden",
  qualityOfficer: "forbidden",
  admin: "ok",
  coordinator: "forbidden",
};

const RECORDS_MATRIX = "tests/integration/records-authorization.test.ts";
const ADMIN_MATRIX = "tests/integration/admin.test.ts";
const ADJUDICATION_MATRIX = "tests/integration/adjudication.test.ts";
const AUDIT_MATRIX = "tests/integration/audit-log.test.ts";
const INVITATIONS_MATRIX = "tests/integration/invitations-staff.test.ts";

export const ACTIONS: Record<string, ActionEntry> = {
  // ---- clinical records ----
  "app/(app)/patients/actions.ts#createPatientAction": {
    dal: "createPatient",
    dalMatrix: RECORDS_MATRIX,
    record: null,
    expect: { ...SIGNED_OUT_ACTION, owner: "ok", otherPhysician: "ok", qualityOfficer: "forbidden", admin: "forbidden", coordinator: "ok" },
    why: "The coordinator names a physician of their site on the form (the matrix sends the owner).",
  },
  "app/(app)/patients/actions.ts#updatePatientAction": { dal: "updatePatient", dalMatrix: RECORDS_MATRIX, record: "patient", expect: WRITE_RECORD_ACTION },
  "app/(app)/procedures/actions.ts#createProcedureAction": {
    dal: "createProcedure",
    dalMatrix: RECORDS_MATRIX,
    record: "patient",
    expect: {
      ...SIGNED_OUT_ACTION,
      owner: by("ok", "invalid", "invalid"),
      otherPhysician: by("invalid", "ok", "invalid"),
      qualityOfficer: "forbidden",
      admin: "forbidden",
      coordinator: by("ok", "invalid", "invalid"),
    },
    why: 'A patient the physician (or another site\'s coordinator) cannot see is refused on the patient field ("Choose one of your patients"), exactly as a missing one.',
  },
  "app/(app)/procedures/actions.ts#updateProcedureAction": {
    dal: "updateProcedure",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },
  "app/(app)/assessments/actions.ts#createAssessmentAction": {
    dal: "createAssessment",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },
  "app/(app)/assessments/actions.ts#updateAssessmentAction": {
    dal: "updateAssessment",
    dalMatrix: RECORDS_MATRIX,
    record: "assessment",
    expect: WRITE_CHILD_ACTION,
  },
  "app/(app)/procedures/[id]/invitationActions.ts#sendInvitationAction": {
    dal: "sendInvitationNow",
    dalMatrix: INVITATIONS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
    why: "Sending a questionnaire to the patient is the procedure's physician's act, like changing the record.",
  },
  "app/(app)/complications/actions.ts#reportComplicationAction": {
    dal: "reportComplication",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },
  "app/(app)/complications/actions.ts#updateComplicationAction": {
    dal: "updateComplication",
    dalMatrix: RECORDS_MATRIX,
    record: "complication",
    expect: WRITE_CHILD_ACTION,
  },

  // ---- follow-up beyond assessments (the procedure page) ----
  "app/(app)/procedures/[id]/followUpActions.ts#recordContactAttemptAction": {
    dal: "recordContactAttempt",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },
  "app/(app)/procedures/[id]/followUpActions.ts#setFollowUpStatusAction": {
    dal: "setFollowUpStatus",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },
  "app/(app)/procedures/[id]/followUpActions.ts#recordSubsequentSurgeryAction": {
    dal: "recordSubsequentSurgery",
    dalMatrix: RECORDS_MATRIX,
    record: "procedure",
    expect: WRITE_RECORD_ACTION,
  },

  // ---- adjudication ----
  "app/(app)/quality/review/actions.ts#adjudicateAction": {
    dal: "adjudicateComplication",
    dalMatrix: ADJUDICATION_MATRIX,
    record: "complication",
    expect: {
      ...SIGNED_OUT_ACTION,
      owner: "forbidden",
      otherPhysician: "forbidden",
      qualityOfficer: by("ok", "ok", "notFound"),
      admin: "forbidden",
      coordinator: "forbidden",
    },
    why: "The role is checked before the id, so a physician, coordinator or admin cannot even tell a missing report from one they may not decide.",
  },
  "app/(app)/procedures/[id]/answerAction.ts#answerInformationRequestAction": {
    dal: "answerInformationRequest",
    dalMatrix: ADJUDICATION_MATRIX,
    record: "complication",
    expect: WRITE_CHILD_ACTION,
  },

  // ---- audit ----
  "app/(app)/alerts/actions.ts#markAlertsReadAction": {
    dal: "markAlertsRead",
    dalMatrix: "tests/integration/alerts.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("ok"),
    why: "Every signed-in user marks their own alerts (none for an administrator or coordinator); another user's ids change nothing (alerts.test.ts).",
  },
  "app/(app)/audit/actions.ts#verifyChainAction": {
    dal: "verifyAuditChain",
    dalMatrix: AUDIT_MATRIX,
    record: null,
    expect: { ...SIGNED_OUT_ACTION, owner: "forbidden", otherPhysician: "forbidden", qualityOfficer: "ok", admin: "ok", coordinator: "forbidden" },
    why: "A physician's or coordinator's call ends in the DAL's ForbiddenError (thrown: the error boundary shows it), never a verdict.",
  },

  // ---- administration ----
  "app/(app)/admin/actions.ts#createUserAction": { dal: "createUser", dalMatrix: ADMIN_MATRIX, record: null, expect: ADMIN_ONLY },
  "app/(app)/admin/actions.ts#updateUserAction": { dal: "updateUser", dalMatrix: ADMIN_MATRIX, record: "user", expect: ADMIN_ON_RECORD },
  "app/(app)/admin/actions.ts#setUserDisabledAction": { dal: "setUserDisabled", dalMatrix: ADMIN_MATRIX, record: "user", expect: ADMIN_ON_RECORD },
  "app/(app)/admin/actions.ts#resetPasswordAction": { dal: "resetPassword", dalMatrix: ADMIN_MATRIX, record: "user", expect: ADMIN_ON_RECORD },
  "app/(app)/admin/actions.ts#revokeSessionsAction": { dal: "revokeSessions", dalMatrix: ADMIN_MATRIX, record: "user", expect: ADMIN_ON_RECORD },
  "app/(app)/admin/actions.ts#resetTotpAction": {
    dal: "resetTotp",
    dalMatrix: "tests/integration/totp.test.ts",
    record: "user",
    expect: ADMIN_ON_RECORD,
    why: "Removing someone's second factor (lost phone): admins only; an account without one is left as it is (still a success).",
  },
  "app/(app)/admin/actions.ts#createSiteAction": { dal: "createSite", dalMatrix: ADMIN_MATRIX, record: null, expect: ADMIN_ONLY },
  "app/(app)/admin/actions.ts#renameSiteAction": { dal: "updateSite", dalMatrix: ADMIN_MATRIX, record: "site", expect: ADMIN_ON_RECORD },

  // ---- one's own account (no id: each acts on the signed-in account only) ----
  "app/(app)/account/security/actions.ts#startTotpAction": {
    dal: "startTotpEnrolment",
    dalMatrix: "tests/integration/totp.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("ok"),
  },
  "app/(app)/account/security/actions.ts#cancelTotpAction": {
    dal: "cancelTotpEnrolment",
    dalMatrix: "tests/integration/totp.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("ok"),
  },
  "app/(app)/account/security/actions.ts#confirmTotpAction": {
    dal: "confirmTotpEnrolment",
    dalMatrix: "tests/integration/totp.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("ok"),
    why: "Called after startTotpAction with the current code of the pending secret; success signs the account out (redirect to /login?notice=totp-on).",
  },
  "app/(app)/account/security/actions.ts#disableTotpAction": {
    dal: "disableTotp",
    dalMatrix: "tests/integration/totp.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("invalid"),
    why: 'Called with no second factor enrolled: refused as "not on" — the point here is only that a dead session never reaches the DAL.',
  },
  "app/(app)/account/security/actions.ts#signOutOtherSessionsAction": {
    dal: "signOutOtherSessions",
    dalMatrix: "tests/integration/sessions.test.ts",
    record: null,
    expect: ANY_SIGNED_IN_ACTION("ok"),
  },
};

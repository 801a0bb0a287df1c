import "server-only";
import { patients, procedures, sites } from "@/db/schema";

/**
 * A procedure's patient as the recipient of its questionnaires: how to reach them, whether they may be contacted
 * (hasActiveConsent), and the clinic that asks. Selected by the scheduler, the hand-sent invitations and the
 * patient's link, on a query joined with withProcedureContext (lib/dal/records/procedureContext.ts).
 */
export const RECIPIENT_COLUMNS = {
  name: patients.name,
  email: patients.email,
  language: patients.language,
  preferredChannel: patients.preferredChannel,
  contactConsentAt: patients.contactConsentAt,
  optedOutAt: patients.optedOutAt,
  clinicName: sites.name,
  siteId: procedures.siteId,
};

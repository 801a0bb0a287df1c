/**
 * The words a patient agrees to when staff record their consent to be contacted, in one place and versioned:
 * the patient form shows the current wording, and each consent stores the version it was given under, so a
 * change of wording never rewrites what an earlier patient agreed to. Add a new version (never edit an old one)
 * and point CURRENT_CONSENT_VERSION at it.
 */
export const CONSENT_WORDINGS = {
  "2026-12-v1":
    "I agree that the clinic may send me short questionnaires about my back and legs by email (or give me a letter with a link) " +
    "after my procedure: a daily diary for the first two weeks and a questionnaire at each follow-up up to two years. " +
    "My answers join my clinic record. I can stop the messages at any time with the link in each message or by telling the clinic.",
} as const;

export type ConsentVersion = keyof typeof CONSENT_WORDINGS;
export const CURRENT_CONSENT_VERSION: ConsentVersion = "2026-12-v1";

/** The patient's consent and opt-out as stored; instants are ISO-8601. */
export type ContactConsentState = { contactConsentAt: string | null; optedOutAt: string | null };

/** Whether the patient may be contacted now: a consent, not followed by an opt-out (a later consent counts again). */
export function hasActiveConsent(p: ContactConsentState): boolean {
  if (p.contactConsentAt === null) return false;
  return p.optedOutAt === null || p.optedOutAt < p.contactConsentAt;
}

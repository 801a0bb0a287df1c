/**
 * Audit entities that never change an outcome fact or a figure: signing in, alerts, exports, an import's summary
 * row (its records have rows of their own), invitations sent and opened (a patient's answers are assessment and
 * diary rows), and users and sites, whose names the figures' version reads from their own tables. The practice
 * snapshot reads past them, and the kept figures' version ignores them, so a burst of sign-ins, exports or
 * invitation messages does not make every dashboard recompute.
 */
export const NO_OUTCOME_FACTS: readonly string[] = ["user", "session", "alert", "export", "import", "invitation", "site"];

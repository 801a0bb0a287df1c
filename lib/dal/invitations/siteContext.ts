import "server-only";
import { serverTimeZone } from "@/lib/outcomes/dates";
import type { FollowUpStatus } from "@/lib/outcomes/invitations/planInvitations";

/**
 * What the invitations need to know about a site and a procedure that other work in progress adds (site time
 * zones, follow-up statuses): one function each, so they are wired in one place.
 */

/** The site's IANA time zone: SITE_TIME_ZONE, else the server's, until sites carry their own zone. */
export function siteTimeZone(site: { id: number }): string {
  void site;
  return process.env.SITE_TIME_ZONE?.trim() || serverTimeZone();
}

/** Whether the procedure is still followed: "active" until follow-up statuses (lost, withdrawn, deceased) are recorded. */
export function followUpStatusOf(procedure: { id: number }): FollowUpStatus {
  void procedure;
  return "active";
}

/** The name a message and the questionnaire greet the patient by: the first word of the recorded name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

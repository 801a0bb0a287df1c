import "server-only";
import { getAuthSecret } from "@/lib/auth/secret";
import { invitationTokenFor } from "@/lib/auth/invitationToken";
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

/** The address patients open their links at: APP_URL, else NEXTAUTH_URL, without a trailing slash. */
export function publicBaseUrl(): string {
  return (process.env.APP_URL?.trim() || process.env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
}

/** The invitation's link and its opt-out link; the token is derived from the invitation's id, never stored. */
export function invitationLinks(invitationId: number): { token: string; hash: string; link: string; optOutLink: string } {
  const { token, hash } = invitationTokenFor(getAuthSecret(), invitationId);
  const link = `${publicBaseUrl()}/q/${token}`;
  return { token, hash, link, optOutLink: `${link}/opt-out` };
}

/** The name a message and the questionnaire greet the patient by: the first word of the recorded name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

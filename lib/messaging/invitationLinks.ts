/**
 * The address a patient opens an invitation at, and its opt-out address. The token is derived from the
 * invitation's id under a key from the app's secret (lib/auth/invitationToken.ts), never stored; the database
 * holds its hash. Shared by the data layer and the demo seed.
 */
import { invitationTokenFor } from "@/lib/auth/invitationToken";
import { getAuthSecret } from "@/lib/auth/secret";

/** Where patients open their links: APP_URL, else NEXTAUTH_URL, without a trailing slash. */
export function publicBaseUrl(): string {
  return (process.env.APP_URL?.trim() || process.env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
}

/** `secret` defaults to the app's; the demo seed, making thousands, reads it once. */
export function invitationLinks(invitationId: number, secret: string = getAuthSecret()): { token: string; hash: string; link: string; optOutLink: string } {
  const { token, hash } = invitationTokenFor(secret, invitationId);
  const link = `${publicBaseUrl()}/q/${token}`;
  return { token, hash, link, optOutLink: `${link}/opt-out` };
}

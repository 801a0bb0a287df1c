import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getAuthSecret } from "@/lib/auth/secret";
import { sessionMaxAgeSeconds } from "@/lib/auth/sessionPolicy";
import { isEnrolmentPath, SECOND_FACTOR_ENROLMENT_PATH } from "@/lib/auth/secondFactorPolicy";
import { PATHNAME_HEADER } from "@/lib/http/securityHeaders";
import type { Principal } from "@/lib/dal/principal";
import { checkSession } from "@/lib/dal/auth/sessionRows";
import { secondFactorEnrolmentRequired } from "@/lib/dal/auth/totp";
import { publicUserColumns } from "@/lib/dal/admin/users";

type TokenClaims = { id: number; sv: number; signedInAt: number; sid?: string };

/**
 * Turns session-token claims into a Principal, re-checking the user row on every request: a disabled user,
 * a bumped session version (password, role change, revocation) or an expired absolute lifetime ends the
 * session at once, whatever the still-valid cookie says. With a `sid` the server-side session is checked too:
 * idle longer than SESSION_IDLE_MINUTES, signed out or revoked ends it (lib/dal/auth/sessionRows.ts). Requests always
 * carry a `sid` (getPrincipal refuses a token without one); callers that only test the user-row rules may omit it.
 */
export async function principalFromClaims(claims: TokenClaims, now = Date.now()): Promise<Principal | null> {
  if (!Number.isInteger(claims.id) || !Number.isFinite(claims.signedInAt)) return null;
  if (now - claims.signedInAt > sessionMaxAgeSeconds() * 1000) return null;
  const [user] = await getDb()
    .select({ ...publicUserColumns, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, claims.id))
    .limit(1);
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  if (claims.sid !== undefined && (await checkSession(claims.sid, user.id, now)) !== "alive") return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, siteId: user.siteId };
}

/** The decoded session token of this request (server components, actions, route handlers), or null. */
const getSessionToken = cache(async () => {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return getToken({ req: { headers: h, cookies: c } as unknown as Parameters<typeof getToken>[0]["req"], secret: getAuthSecret() });
});

/** The server-side session id of this request, for "sign out other sessions" and the sessions list. */
export async function getSessionId(): Promise<string | null> {
  return (await getSessionToken())?.sid ?? null;
}

/** The session's principal before the second-factor rule; cached per request. */
const getSessionPrincipal = cache(async (): Promise<Principal | null> => {
  const token = await getSessionToken();
  // A token without a server-side session id predates idle timeouts; it is not honoured.
  if (!token?.sid || typeof token.uid !== "number") return null;
  return principalFromClaims({ id: token.uid, sv: token.sv, signedInAt: token.signedInAt, sid: token.sid });
});

/** The path of this request, stamped by proxy.ts (a client cannot set it: the proxy overwrites it). */
async function requestPath(): Promise<string | null> {
  return (await headers()).get(PATHNAME_HEADER);
}

/**
 * The signed-in principal for this request, or null. Cached per request. An administrator who must enrol a
 * second factor (REQUIRE_ADMIN_TOTP=1) counts as signed in only on the enrolment page and its actions, so every
 * other page, action and API refuses them until they have enrolled.
 */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const principal = await getSessionPrincipal();
  if (!principal) return null;
  if ((await secondFactorEnrolmentRequired(principal)) && !isEnrolmentPath(await requestPath())) return null;
  return principal;
});

/**
 * For pages: the principal, or a redirect to the sign-in page (or, for an admin without a second factor, to
 * enrolment). proxy.ts already sends such an admin to enrolment before rendering, from the token's `tf` claim;
 * this is the data layer's own check, which does not trust the token for it.
 */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await getSessionPrincipal();
  const path = await requestPath();
  if (!principal) {
    redirect(path && path !== "/" && path.startsWith("/") && !path.startsWith("//") ? `/login?callbackUrl=${encodeURIComponent(path)}` : "/login");
  }
  if ((await secondFactorEnrolmentRequired(principal)) && !isEnrolmentPath(path)) redirect(SECOND_FACTOR_ENROLMENT_PATH);
  return principal;
}

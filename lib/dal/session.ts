import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authOptions } from "@/lib/auth/options";
import { sessionMaxAgeSeconds } from "@/lib/auth/sessionPolicy";
import type { Principal } from "./principal";

type TokenClaims = { id: number; sv: number; signedInAt: number };

/**
 * Turns session-token claims into a Principal, re-checking the user row on every request: a disabled user,
 * a bumped session version (password, role change, revocation) or an expired absolute lifetime ends the
 * session at once, whatever the still-valid cookie says.
 */
export async function principalFromClaims(claims: TokenClaims, now = Date.now()): Promise<Principal | null> {
  if (!Number.isInteger(claims.id) || !Number.isFinite(claims.signedInAt)) return null;
  if (now - claims.signedInAt > sessionMaxAgeSeconds() * 1000) return null;
  const user = getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, siteId: users.siteId, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, claims.id))
    .get();
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, siteId: user.siteId };
}

/** The signed-in principal for this request, or null. Cached per request. */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user) return null;
  return principalFromClaims({ id: session.user.id, sv: session.user.sv, signedInAt: session.user.signedInAt });
});

/** For pages: the principal, or a redirect to the sign-in page. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect("/login");
  return principal;
}

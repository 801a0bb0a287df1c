import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, userSites } from "@/db/schema";
import { ValidationError } from "@/lib/dal/errors";
import { isRecordId } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { coordinatorSiteIds } from "@/lib/dal/scope";

/**
 * Whom a clinical write is for. A physician writes for themself (any physician named in the input is ignored:
 * the record is theirs). A coordinator writes on behalf of a physician of one of their sites, named on the form;
 * the audit row records both (actor = coordinator, on behalf of = physician).
 */
export type Acting = { physicianId: number; onBehalfOf: { id: number; email: string } | null };

/** The physicians a coordinator may act for: active physicians whose site is one of theirs. */
export function physiciansOfCoordinatorSites(principal: Principal) {
  return and(eq(users.role, "physician"), eq(users.disabled, false), sql`${users.siteId} in ${coordinatorSiteIds(principal)}`);
}

const NOT_YOURS = { physicianId: ["Choose a physician of your sites"] };

/** The physician named on a coordinator's form (`physicianId`), read from the raw input before the record schema drops it. */
export async function actingFor(principal: Principal, input: unknown): Promise<Acting> {
  if (principal.role !== "coordinator") return { physicianId: principal.id, onBehalfOf: null };
  const physicianId = input && typeof input === "object" ? (input as { physicianId?: unknown }).physicianId : undefined;
  const id = typeof physicianId === "string" && /^\d+$/.test(physicianId.trim()) ? Number(physicianId) : physicianId;
  if (!isRecordId(id)) throw new ValidationError(NOT_YOURS);
  const [physician] = await getDb()
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.id, id), physiciansOfCoordinatorSites(principal)))
    .limit(1);
  if (!physician) throw new ValidationError(NOT_YOURS);
  return { physicianId: physician.id, onBehalfOf: physician };
}

/** For a record under an existing procedure: a coordinator acts for that procedure's physician. */
export async function onBehalfOfPhysician(principal: Principal, physicianId: number): Promise<Acting["onBehalfOf"]> {
  if (principal.role !== "coordinator") return null;
  const [physician] = await getDb().select({ id: users.id, email: users.email }).from(users).where(eq(users.id, physicianId)).limit(1);
  return physician ?? null;
}

/** A coordinator records only at their own sites (the site on the patient or procedure form). */
export async function assertCoordinatorSite(principal: Principal, siteId: number): Promise<void> {
  if (principal.role !== "coordinator") return;
  const [row] = isRecordId(siteId)
    ? await getDb()
        .select({ id: userSites.siteId })
        .from(userSites)
        .where(and(eq(userSites.userId, principal.id), eq(userSites.siteId, siteId)))
        .limit(1)
    : [];
  if (!row) throw new ValidationError({ siteId: ["Choose one of your sites"] });
}

/** The physicians a coordinator's forms offer (none for anyone else: a physician writes for themself). */
export async function listActingPhysicians(principal: Principal): Promise<{ id: number; name: string }[]> {
  if (principal.role !== "coordinator") return [];
  return getDb().select({ id: users.id, name: users.name }).from(users).where(physiciansOfCoordinatorSites(principal)).orderBy(asc(users.name), asc(users.id));
}

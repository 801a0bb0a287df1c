import "server-only";
import { asc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sites } from "@/db/schema";
import type { Principal } from "@/lib/dal/principal";
import { coordinatorSiteIds } from "@/lib/dal/scope";

export type SiteOption = { id: number; code: string; name: string };

/**
 * The clinic's sites, for the site choice on record forms. Site names are not patient data, so every signed-in
 * role may read them; a coordinator is offered only their own sites (the only ones they may record at).
 */
export async function listSiteOptions(principal: Principal): Promise<SiteOption[]> {
  return await getDb()
    .select({ id: sites.id, code: sites.code, name: sites.name })
    .from(sites)
    .where(principal.role === "coordinator" ? sql`${sites.id} in ${coordinatorSiteIds(principal)}` : undefined)
    .orderBy(asc(sites.name), asc(sites.id));
}

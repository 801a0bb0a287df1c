import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sites } from "@/db/schema";
import type { Principal } from "@/lib/dal/principal";

export type SiteOption = { id: number; code: string; name: string };

/**
 * The clinic's sites, for the site choice on record forms. Site names are not patient data, so every signed-in
 * role may read them; the principal is taken anyway so every DAL call has one.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- every DAL read takes the principal, even one every role may make
export async function listSiteOptions(_principal: Principal): Promise<SiteOption[]> {
  return await getDb().select({ id: sites.id, code: sites.code, name: sites.name }).from(sites).orderBy(asc(sites.name), asc(sites.id));
}

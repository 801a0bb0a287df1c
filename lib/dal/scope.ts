import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { procedures, userSites } from "@/db/schema";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";

/**
 * The ids of the sites a coordinator works for, as a subquery: read from user_sites on every query, so an
 * administrator's change of a coordinator's sites applies at once, without a new session.
 */
export const coordinatorSiteIds = (principal: Principal): SQL => sql`(select us.site_id from ${userSites} us where us.user_id = ${principal.id})`;

/**
 * The procedures a principal may see: a physician only those they performed; a coordinator those performed at
 * their sites; quality officers and admins all. Every procedure-based query goes through this, so a forgotten
 * WHERE cannot leak records.
 */
export function procedureScope(principal: Principal): SQL | undefined {
  if (canSeeAllPhysicians(principal)) return undefined;
  if (principal.role === "physician") return eq(procedures.physicianId, principal.id);
  if (principal.role === "coordinator") return sql`${procedures.siteId} in ${coordinatorSiteIds(principal)}`;
  // An unknown role sees nothing.
  return eq(procedures.id, -1);
}

import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { procedures } from "@/db/schema";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";

/**
 * The procedures a principal may see: a physician only those they performed; quality officers and admins
 * all. Every procedure-based query goes through this, so a forgotten WHERE cannot leak records.
 */
export function procedureScope(principal: Principal): SQL | undefined {
  if (canSeeAllPhysicians(principal)) return undefined;
  if (principal.role === "physician") return eq(procedures.physicianId, principal.id);
  // An unknown role sees nothing.
  return eq(procedures.id, -1);
}

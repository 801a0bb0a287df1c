import "server-only";
import { eq } from "drizzle-orm";
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import { patients, procedures, sites, users } from "@/db/schema";

/**
 * A procedure in its context: its patient, its physician (users) and its site, joined to a query that already
 * reads `procedures`. Every join follows a NOT NULL foreign key, so none drops a row; callers select explicit
 * fields, whose result type inner joins do not change, so the query keeps its own type. The complication
 * reports (complicationContext.ts), the review item, the data-quality list and the invitations read it this way.
 */
export function withProcedureContext<T extends SQLiteSelect>(query: T): T {
  return query
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .innerJoin(sites, eq(sites.id, procedures.siteId)) as unknown as T;
}

import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sites } from "@/db/schema";
import { serverTimeZone, todayOn, type Clock } from "@/lib/outcomes/dates";
import { parseRecordId } from "@/lib/validation/recordId";

/**
 * "Today" for a record is its site's today: the calendar date on that clinic's wall clock. A site row without a
 * zone (older than the column, before the database was prepared) keeps the server's zone, as it always had.
 */
export const zoneOf = (timeZone: string | null) => timeZone ?? serverTimeZone();

/** The site's IANA zone (the server's for an unknown site: the caller refuses the site itself). */
export async function siteTimeZone(siteId: number): Promise<string> {
  const [site] = await getDb().select({ timeZone: sites.timeZone }).from(sites).where(eq(sites.id, siteId)).limit(1);
  return zoneOf(site?.timeZone ?? null);
}

/** `siteId` as a form or file delivers it (digits as text); anything that is not an id reads the server's clock. */
export async function siteToday(siteId: unknown, clock: Clock = new Date()): Promise<string> {
  const id = parseRecordId(siteId);
  return todayOn(clock, id === null ? serverTimeZone() : await siteTimeZone(id));
}

/** Every site's today at once, by id and by code, for work that spans sites (the import, the worklist). */
export type SiteDays = {
  byId: (siteId: number) => string;
  byCode: (code: string) => string;
  server: string;
  /** every site with its today, for SQL that compares each record with its own site's day (the worklist) */
  sites: readonly { id: number; today: string }[];
};

export async function siteDays(clock: Clock = new Date()): Promise<SiteDays> {
  const rows = await getDb().select({ id: sites.id, code: sites.code, timeZone: sites.timeZone }).from(sites);
  const byId = new Map(rows.map((r) => [r.id, todayOn(clock, zoneOf(r.timeZone))]));
  const byCode = new Map(rows.map((r) => [r.code, todayOn(clock, zoneOf(r.timeZone))]));
  const fallback = todayOn(clock, serverTimeZone());
  return {
    byId: (id) => byId.get(id) ?? fallback,
    byCode: (code) => byCode.get(code) ?? fallback,
    server: fallback,
    sites: rows.map((r) => ({ id: r.id, today: byId.get(r.id)! })),
  };
}

/**
 * What every list's view in the URL shares (the procedure list, the review queue, the audit log): the table
 * kit's page, page size, sort, direction and hidden columns. Read leniently: a bad value falls back to its
 * default instead of failing, so a mistyped link still opens a sensible list.
 */
import { z } from "zod";
import { isCalendarDate } from "@/lib/outcomes/dates";

export const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A calendar date filter (`from`, `to`). */
export const dateParam = lenient(z.string().refine(isCalendarDate));

export function tableViewParams<const S extends readonly [string, ...string[]]>(opts: {
  sorts: S;
  sort: S[number];
  dir: "asc" | "desc";
  sizes: readonly number[];
  size: number;
}) {
  return {
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
    size: z.coerce
      .number()
      .refine((n) => opts.sizes.includes(n))
      .catch(opts.size)
      .default(opts.size),
    sort: z.enum(opts.sorts).catch(opts.sort).default(opts.sort),
    dir: z.enum(["asc", "desc"]).catch(opts.dir).default(opts.dir),
    /** columns hidden in the table kit, comma-separated */
    hide: lenient(z.string().max(300)),
  };
}

/** Next.js searchParams (a repeated parameter arrives as an array: its first value counts) through a list's schema. */
export function parseListQuery<S extends z.ZodType>(schema: S, params: Record<string, string | string[] | undefined>): z.output<S> {
  return schema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

/** The table kit's view of a parsed list query. */
export function tableViewOf(q: { page: number; size: number; sort: string; dir: "asc" | "desc"; hide?: string }) {
  return { page: q.page, size: q.size, sort: q.sort, dir: q.dir, hidden: q.hide ? q.hide.split(",").filter(Boolean) : [] };
}

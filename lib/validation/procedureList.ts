/**
 * The procedure list's view, read from the URL so every view can be bookmarked and shared. Unknown or bad
 * values fall back to defaults instead of failing: a mistyped link still opens a sensible list.
 */
import { z } from "zod";
import { DIAGNOSES } from "@/db/enums";

export const PROCEDURE_SORTS = ["date", "patient", "physician", "site", "complications"] as const;
export const FOLLOW_UP_FILTERS = ["overdue", "due", "missed", "up_to_date"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.coerce.number().int().positive();

export const procedureListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .default(25),
  sort: z.enum(PROCEDURE_SORTS).catch("date").default("date"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  physician: lenient(id),
  site: lenient(id),
  from: lenient(date),
  to: lenient(date),
  diagnosis: lenient(z.enum(DIAGNOSES)),
  flag: lenient(z.enum(["1", "0"])),
  complication: lenient(z.enum(["1", "0"])),
  followUp: lenient(z.enum(FOLLOW_UP_FILTERS)),
  q: lenient(z.string().trim().min(1).max(100)),
  hide: lenient(z.string().max(300)),
});
export type ProcedureListQuery = z.infer<typeof procedureListQuerySchema>;

/** Next.js searchParams (string | string[]) to the parsed view. */
export function parseProcedureListQuery(params: Record<string, string | string[] | undefined>): ProcedureListQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return procedureListQuerySchema.parse(flat);
}

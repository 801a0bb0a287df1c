/**
 * What counts as "a complication" when the app computes a complication rate. The domain brief: the rate
 * depends on which grades, which relatedness, which window after the procedure and whether only
 * adjudicated-confirmed events count; the definition must be selectable and every figure must say which one
 * it used. A procedure counts once, however many qualifying complications it had.
 */
import { z } from "zod";
import { RELATEDNESS_KINDS } from "@/db/enums";
import { RELATEDNESS_LABELS, romanGrade } from "@/lib/labels";

export type RelatednessKind = (typeof RELATEDNESS_KINDS)[number];
export type AdjudicationMode = "reported" | "confirmed";
export type AdjudicationStatus = "pending" | "confirmed" | "rejected" | "needs_info";

export type ComplicationDefinition = {
  /** Lowest Clavien–Dindo grade that counts (1 = any grade). */
  minGrade: 1 | 2 | 3 | 4 | 5;
  /** Relatedness kinds that count; never empty. */
  related: RelatednessKind[];
  /** Onset at most this many days after the procedure; null = any time. */
  windowDays: number | null;
  /**
   * "reported": every report except those adjudicated "not a complication" (rejected), with the adjudicator's
   * grade and relatedness where set, else the reporter's. "confirmed": only adjudicated-confirmed events.
   */
  adjudicated: AdjudicationMode;
};

/** Default: any grade; device, procedure, anaesthesia or unknown relatedness; within 90 days; not rejected. */
export const DEFAULT_COMPLICATION_DEFINITION: ComplicationDefinition = {
  minGrade: 1,
  related: ["device", "procedure", "anaesthesia", "unknown"],
  windowDays: 90,
  adjudicated: "reported",
};

const relatedList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.enum(RELATEDNESS_KINDS, { message: `each kind must be one of ${RELATEDNESS_KINDS.join(", ")}` })).min(1, "choose at least one relatedness kind"),
  )
  // Canonical order and no repeats, so the same definition always serialises the same way.
  .transform((kinds) => RELATEDNESS_KINDS.filter((k) => kinds.includes(k)));

/** URL parameters of the definition, as strings (all optional; absent = default). */
export const complicationDefinitionParams = {
  minGrade: z
    .string()
    .regex(/^[1-5]$/, "must be a Clavien–Dindo grade from 1 to 5")
    .transform((s) => Number(s) as ComplicationDefinition["minGrade"]),
  related: relatedList,
  windowDays: z.union([
    z.literal("any").transform(() => null),
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number of days or "any"')
      .transform(Number)
      .pipe(z.number().int().min(0, "must be 0 or more days").max(36500, "must be at most 36,500 days")),
  ]),
  adjudicated: z.enum(["reported", "confirmed"], { message: 'must be "reported" or "confirmed"' }),
} as const;

/** The definition from already-validated parts, defaults filled in. */
export function completeDefinition(parts: Partial<ComplicationDefinition>): ComplicationDefinition {
  return {
    minGrade: parts.minGrade ?? DEFAULT_COMPLICATION_DEFINITION.minGrade,
    related: parts.related ?? [...DEFAULT_COMPLICATION_DEFINITION.related],
    windowDays: parts.windowDays === undefined ? DEFAULT_COMPLICATION_DEFINITION.windowDays : parts.windowDays,
    adjudicated: parts.adjudicated ?? DEFAULT_COMPLICATION_DEFINITION.adjudicated,
  };
}

/** Back to URL parameters, leaving out what equals the default. */
export function complicationDefinitionToParams(def: ComplicationDefinition): Record<string, string> {
  const out: Record<string, string> = {};
  const d = DEFAULT_COMPLICATION_DEFINITION;
  if (def.minGrade !== d.minGrade) out.minGrade = String(def.minGrade);
  if (def.related.join(",") !== d.related.join(",")) out.related = def.related.join(",");
  if (def.windowDays !== d.windowDays) out.windowDays = def.windowDays === null ? "any" : String(def.windowDays);
  if (def.adjudicated !== d.adjudicated) out.adjudicated = def.adjudicated;
  return out;
}

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** One line a clinician can read under a figure, e.g. "any grade; related to device, procedure or …". */
export function describeComplicationDefinition(def: ComplicationDefinition): string {
  const grade = def.minGrade === 1 ? "any Clavien–Dindo grade" : `Clavien–Dindo grade ${romanGrade(def.minGrade)} or higher`;
  const kinds = def.related.filter((k) => k !== "unknown" && k !== "unrelated");
  const parts: string[] = [];
  if (kinds.length) parts.push(`related to ${listInWords(kinds.map((k) => RELATEDNESS_LABELS[k].toLowerCase()))}`);
  if (def.related.includes("unrelated")) parts.push("unrelated");
  if (def.related.includes("unknown")) parts.push("relatedness unknown");
  const related = listInWords(parts);
  const window = def.windowDays === null ? "any time after the procedure" : `within ${def.windowDays} days of the procedure`;
  const adjudication = def.adjudicated === "confirmed" ? "confirmed on adjudication" : "as reported, unless adjudicated “not a complication”";
  return `${grade}; ${related}; ${window}; ${adjudication}`;
}

/** The same in a few words, for the line under a figure: "grade ≥ I · device, procedure, anaesthesia, unknown · ≤ 90 days · reported". */
export function shortComplicationDefinition(def: ComplicationDefinition): string {
  const grade = def.minGrade === 1 ? "any grade" : `grade ≥ ${romanGrade(def.minGrade)}`;
  const window = def.windowDays === null ? "any time" : `≤ ${def.windowDays} days`;
  return `${grade} · ${def.related.join(", ")} · ${window} · ${def.adjudicated === "confirmed" ? "confirmed only" : "reported, not rejected"}`;
}

/** One complication report as the definition needs it. */
export type ComplicationFacts = {
  grade: number;
  finalGrade: number | null;
  relatedness: RelatednessKind;
  finalRelatedness: RelatednessKind | null;
  adjudicationStatus: AdjudicationStatus;
  /** Days from the procedure to onset (0 = the day of the procedure). */
  onsetDay: number;
};

/** The grade and relatedness the definition uses: the adjudicator's where set, else the reporter's. */
export function effectiveGradeAndRelatedness(c: ComplicationFacts): { grade: number; relatedness: RelatednessKind } {
  return { grade: c.finalGrade ?? c.grade, relatedness: c.finalRelatedness ?? c.relatedness };
}

export function complicationQualifies(def: ComplicationDefinition, c: ComplicationFacts): boolean {
  if (def.adjudicated === "confirmed" ? c.adjudicationStatus !== "confirmed" : c.adjudicationStatus === "rejected") return false;
  const { grade, relatedness } = effectiveGradeAndRelatedness(c);
  if (grade < def.minGrade) return false;
  if (!def.related.includes(relatedness)) return false;
  // An onset dated before the procedure is a data-entry slip, not a reason to drop the event.
  if (def.windowDays !== null && c.onsetDay > def.windowDays) return false;
  return true;
}

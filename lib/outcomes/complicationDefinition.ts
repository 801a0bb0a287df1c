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

/**
 * "serious": only serious events — Clavien–Dindo grade III or higher, death (grade V, a fatal outcome or the
 * type "death"), or marked serious by the reporter — the events the published "< 0.1 %" is about (the MILD
 * trials reported serious device- or procedure-related adverse events). "any": every grade (a numb patch, a bruise).
 */
export type Severity = "serious" | "any";
export const SEVERITIES = ["serious", "any"] as const;

export type ComplicationDefinition = {
  /** Serious events only (the like-for-like comparison with 0.1 %), or every grade. */
  severity: Severity;
  /** Lowest Clavien–Dindo grade that counts (1 = any grade); applies on top of the severity. */
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

/**
 * Default, like for like with the published figure: serious events related to device, procedure or anaesthesia
 * (unknown relatedness counted as related), within 90 days, not rejected on adjudication.
 */
export const DEFAULT_COMPLICATION_DEFINITION: ComplicationDefinition = {
  severity: "serious",
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
  severity: z.enum(SEVERITIES, { message: 'must be "serious" or "any"' }),
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
    severity: parts.severity ?? DEFAULT_COMPLICATION_DEFINITION.severity,
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
  if (def.severity !== d.severity) out.severity = def.severity;
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

/**
 * The rate shown beside the one under a definition: the same relatedness, window and adjudication, every grade.
 * Equal to the definition itself when that already counts every grade.
 */
export function allGradeDefinition(def: ComplicationDefinition): ComplicationDefinition {
  return { ...def, severity: "any", minGrade: 1 };
}

export const countsEveryGrade = (def: ComplicationDefinition) => def.severity === "any" && def.minGrade === 1;

/**
 * Why two counts of one view differ, said wherever both are shown: the all-grade count adds the events the
 * definition leaves out for their grade, under the same relatedness, window and adjudication.
 */
export function allGradeDifference(def: ComplicationDefinition): string {
  if (countsEveryGrade(def)) return "The definition already counts every grade, so there is one count.";
  return "The all-grade count also counts minor events (such as a numb patch or a bruise) with the same relatedness, window and adjudication; the verdict against 0.1 % uses the definition's count, as the published figure counts serious events.";
}

const SERIOUS_WORDS = "serious events (Clavien–Dindo grade III or higher, death, or marked serious)";

function gradeInWords(def: ComplicationDefinition): string {
  const atLeast = `Clavien–Dindo grade ${romanGrade(def.minGrade)} or higher`;
  if (def.severity === "serious") return def.minGrade <= 1 ? SERIOUS_WORDS : `${SERIOUS_WORDS} of ${atLeast}`;
  return def.minGrade === 1 ? "events of any Clavien–Dindo grade" : `events of ${atLeast}`;
}

/**
 * The one definition sentence: every page, card, file and API field that shows a complication count states
 * its definition in these words, e.g. "serious events (…); related to device, procedure or anaesthesia or
 * relatedness unknown; within 90 days of the procedure; as reported, unless adjudicated “not a complication”".
 */
export function describeComplicationDefinition(def: ComplicationDefinition): string {
  const grade = gradeInWords(def);
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
  const atLeast = def.minGrade === 1 ? "" : `grade ≥ ${romanGrade(def.minGrade)}`;
  const grade = def.severity === "serious" ? ["serious", atLeast].filter(Boolean).join(", ") : atLeast || "any grade";
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
  /** Marked serious by the reporter. */
  serious: boolean;
  /** The patient died of it: the type "death" or a fatal outcome. */
  fatal: boolean;
};

/** A complication report's columns as the database gives them (booleans as 0/1 from SQLite, true/false from PostgreSQL). */
export type ComplicationReportColumns = {
  type: string;
  outcome: string | null;
  grade: number;
  finalGrade: number | null;
  relatedness: string;
  finalRelatedness: string | null;
  adjudicationStatus: string;
  serious: unknown;
};

/** The facts a definition judges, from a report's columns and its onset's day since the procedure: the one decoding every reader uses. */
export function complicationFactsOf(r: ComplicationReportColumns, onsetDay: number): ComplicationFacts {
  return {
    grade: r.grade,
    finalGrade: r.finalGrade,
    relatedness: r.relatedness as RelatednessKind,
    finalRelatedness: r.finalRelatedness as RelatednessKind | null,
    adjudicationStatus: r.adjudicationStatus as AdjudicationStatus,
    onsetDay,
    serious: Boolean(r.serious),
    fatal: r.type === "death" || r.outcome === "fatal",
  };
}

/** Serious in the like-for-like sense: Clavien–Dindo ≥ III (V is death), a death, or marked serious. */
export function isSeriousEvent(c: Pick<ComplicationFacts, "serious" | "fatal">, grade: number): boolean {
  return grade >= 3 || c.fatal || c.serious;
}

/** The grade and relatedness the definition uses: the adjudicator's where set, else the reporter's. */
export function effectiveGradeAndRelatedness(c: ComplicationFacts): { grade: number; relatedness: RelatednessKind } {
  return { grade: c.finalGrade ?? c.grade, relatedness: c.finalRelatedness ?? c.relatedness };
}

export function complicationQualifies(def: ComplicationDefinition, c: ComplicationFacts): boolean {
  if (def.adjudicated === "confirmed" ? c.adjudicationStatus !== "confirmed" : c.adjudicationStatus === "rejected") return false;
  const { grade, relatedness } = effectiveGradeAndRelatedness(c);
  if (grade < def.minGrade) return false;
  if (def.severity === "serious" && !isSeriousEvent(c, grade)) return false;
  if (!def.related.includes(relatedness)) return false;
  // An onset dated before the procedure is a data-entry slip, not a reason to drop the event.
  if (def.windowDays !== null && c.onsetDay > def.windowDays) return false;
  return true;
}

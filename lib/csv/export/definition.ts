/** How a file names the complication definition and relief criterion its derived columns used. */
import type { ComplicationDefinition } from "@/lib/outcomes/complicationDefinition";

/** Every parameter of the definition, defaults included, so a file names it completely. */
export function definitionParams(d: ComplicationDefinition): Record<string, string> {
  return {
    severity: d.severity,
    minGrade: String(d.minGrade),
    related: d.related.join(","),
    windowDays: d.windowDays === null ? "any" : String(d.windowDays),
    adjudicated: d.adjudicated,
  };
}

/** `severity=serious;minGrade=1;related=device,procedure;windowDays=90;adjudicated=reported;reliefCriterion=nprs-2pt-30pct` (X-Mild-Definition, audit). */
export function definitionHeader(definition: ComplicationDefinition, reliefCriterion: string): string {
  return [...Object.entries(definitionParams(definition)), ["reliefCriterion", reliefCriterion]].map(([k, v]) => `${k}=${v}`).join(";");
}

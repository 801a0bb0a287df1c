/**
 * What the procedure page records after the procedure besides assessments and complications: contact attempts,
 * the follow-up status (lost, withdrawn, deceased or active again) and subsequent lumbar surgery. Schemas for the
 * forms and the DAL, and the date rules against the procedure and today.
 */
import { z } from "zod";
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, FOLLOW_UP_STATUSES, LEVELS, SUBSEQUENT_SURGERY_TYPES } from "@/db/enums";
import { displayDate } from "@/lib/outcomes/dates";
import { choice, optionalDate, optionalText, requiredDate, requiredId } from "./fields";
import type { FieldProblem } from "./recordDateRules";

export const contactAttemptSchema = z.object({
  procedureId: requiredId("procedure"),
  attemptedOn: requiredDate("date of the attempt"),
  channel: choice(CONTACT_CHANNELS, "way the patient was contacted"),
  outcome: choice(CONTACT_OUTCOMES, "outcome of the attempt"),
  note: optionalText("The note", 500),
});

export const followUpStatusSchema = z
  .object({
    procedureId: requiredId("procedure"),
    status: choice(FOLLOW_UP_STATUSES, "follow-up status"),
    statusDate: optionalDate("date of the status"),
    note: optionalText("The note", 500),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "active" && v.status !== undefined && v.statusDate === null)
      ctx.addIssue({ code: "custom", path: ["statusDate"], message: "Enter the date from which the patient is no longer followed" });
  });

const surgeryLevels = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,;\s]+/).filter(Boolean) : (v ?? [])),
  z.array(z.enum(LEVELS, { error: "Levels are L1-L2, L2-L3, L3-L4, L4-L5 or L5-S1" })),
);

export const subsequentSurgerySchema = z.object({
  procedureId: requiredId("procedure"),
  surgeryDate: requiredDate("date of the surgery"),
  type: choice(SUBSEQUENT_SURGERY_TYPES, "kind of surgery"),
  levels: surgeryLevels,
  note: optionalText("The note", 500),
});

/**
 * A date recorded after a procedure: not in the future, and on or after the procedure (`strictly`: after it —
 * a subsequent surgery is another day's operation).
 */
export function afterProcedureProblems(field: string, date: string, procedureDate: string, today: string, strictly = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (date > today) problems.push({ field, message: "Enter a date that is not in the future" });
  if (strictly ? date <= procedureDate : date < procedureDate)
    problems.push({ field, message: `Enter a date ${strictly ? "after" : "on or after"} the procedure (${displayDate(procedureDate)})` });
  return problems;
}

/**
 * What a patient answers and how it is scored. A follow-up questionnaire asks everything; a diary day only
 * the two pain scales and the global impression. The ODI is scored by lib/outcomes/odi.ts, the same function
 * that scores a clinic's entry, so a patient's ODI and a clinic's ODI can never disagree.
 */
import { z } from "zod";
import { ODI_SECTIONS, scoreOdi } from "@/lib/outcomes/odi";

export const QUESTIONNAIRE_ITEMS = {
  diary: ["nprsBack", "nprsLeg", "pgic"],
  follow_up: ["nprsBack", "nprsLeg", "odi", "walkingTolerance", "standingTolerance", "pgic"],
} as const;
export type QuestionnaireKind = keyof typeof QUESTIONNAIRE_ITEMS;

const nrs = z.number().int().min(0).max(10).nullable();
const minutes = z.number().min(0).max(1440).nullable();
/** 1 = very much improved … 7 = very much worse (the order of the answers in the instrument file). */
const pgic = z.number().int().min(1).max(7).nullable();

export const diaryAnswersSchema = z.strictObject({ nprsBack: nrs, nprsLeg: nrs, pgic });

export const followUpAnswersSchema = z.strictObject({
  nprsBack: nrs,
  nprsLeg: nrs,
  odiSections: z
    .array(z.number().int().min(0).max(5).nullable())
    .length(ODI_SECTIONS)
    .refine(
      (s) => s.every((a) => a === null) || s.filter((a) => a === null).length <= 1,
      "answer every part of the everyday-activities questions (one may be left out)",
    ),
  walkingMinutes: minutes,
  standingMinutes: minutes,
  pgic,
});

export type DiaryAnswers = z.infer<typeof diaryAnswersSchema>;
export type FollowUpAnswers = z.infer<typeof followUpAnswersSchema>;

export type ScoredFollowUp = FollowUpAnswers & {
  /** ODI % from the section answers, or null when none was answered. */
  odi: number | null;
};

/** Scores a checked follow-up answer set (see followUpAnswersSchema); the ODI through lib/outcomes/odi.ts. */
export function scoreFollowUp(answers: FollowUpAnswers): ScoredFollowUp {
  const answered = answers.odiSections.some((a) => a !== null);
  return { ...answers, odi: answered ? scoreOdi(answers.odiSections) : null };
}

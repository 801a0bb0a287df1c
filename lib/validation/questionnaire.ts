/**
 * The patient's questionnaire form as posted (plain HTML, so every value arrives as text): read into the
 * instrument answers of lib/outcomes/instruments/questionnaire.ts, with a message in plain words beside each
 * field that is refused. Field names are the form's: nprsBack, nprsLeg, odi1 … odi10, walkingMinutes,
 * standingMinutes, pgic.
 */
import { ODI_SECTIONS } from "@/lib/outcomes/odi";
import {
  diaryAnswersSchema,
  followUpAnswersSchema,
  type DiaryAnswers,
  type FollowUpAnswers,
  type QuestionnaireKind,
} from "@/lib/outcomes/instruments/questionnaire";

export const odiField = (i: number) => `odi${i + 1}`;
export const QUESTIONNAIRE_FIELDS = {
  diary: ["nprsBack", "nprsLeg", "pgic"],
  follow_up: ["nprsBack", "nprsLeg", ...Array.from({ length: ODI_SECTIONS }, (_, i) => odiField(i)), "walkingMinutes", "standingMinutes", "pgic"],
} as const satisfies Record<QuestionnaireKind, readonly string[]>;

export type QuestionnaireForm = Record<string, string>;
export type QuestionnaireParse =
  | { ok: true; kind: "diary"; answers: DiaryAnswers }
  | { ok: true; kind: "follow_up"; answers: FollowUpAnswers }
  | { ok: false; errors: Record<string, string> };

/** The posted values the form knows, as text, at most 20 characters each: what is kept on a refusal. */
export function questionnaireValues(kind: QuestionnaireKind, posted: Record<string, unknown>): QuestionnaireForm {
  return Object.fromEntries(QUESTIONNAIRE_FIELDS[kind].map((f) => [f, typeof posted[f] === "string" ? (posted[f] as string).trim().slice(0, 20) : ""]));
}

function wholeNumber(v: string, min: number, max: number): number | null | "bad" {
  if (v === "") return null;
  if (!/^\d+$/.test(v)) return "bad";
  const n = Number(v);
  return n >= min && n <= max ? n : "bad";
}

export function parseQuestionnaire(kind: QuestionnaireKind, form: QuestionnaireForm): QuestionnaireParse {
  const errors: Record<string, string> = {};
  const score = (field: string, min: number, max: number, missing: string, bad: string, required: boolean) => {
    const v = wholeNumber(form[field] ?? "", min, max);
    if (v === "bad") errors[field] = bad;
    else if (v === null && required) errors[field] = missing;
    return v === "bad" ? null : v;
  };
  const nprsBack = score("nprsBack", 0, 10, "Choose a number from 0 to 10 for your back.", "Choose a number from 0 to 10 for your back.", true);
  const nprsLeg = score("nprsLeg", 0, 10, "Choose a number from 0 to 10 for your legs.", "Choose a number from 0 to 10 for your legs.", true);
  const pgic = score("pgic", 1, 7, "Choose the answer that fits best.", "Choose one of the answers.", true);
  if (kind === "diary") {
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, kind, answers: diaryAnswersSchema.parse({ nprsBack, nprsLeg, pgic }) };
  }
  const sections = Array.from({ length: ODI_SECTIONS }, (_, i) => score(odiField(i), 0, 5, "", "Choose one of the answers.", false));
  const missing = sections.filter((s, i) => s === null && !errors[odiField(i)]).length;
  if (missing > 1) {
    sections.forEach((s, i) => {
      if (s === null && !errors[odiField(i)]) errors[odiField(i)] = "Please choose an answer (you may leave out one part only).";
    });
  }
  const minutes = (field: string) => {
    const v = form[field] ?? "";
    if (v === "") return null;
    const n = Number(v.replace(",", "."));
    if (!Number.isFinite(n) || n < 0 || n > 1440) {
      errors[field] = "Write a number of minutes from 0 to 1440, or leave it empty.";
      return null;
    }
    return n;
  };
  const walkingMinutes = minutes("walkingMinutes");
  const standingMinutes = minutes("standingMinutes");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, kind, answers: followUpAnswersSchema.parse({ nprsBack, nprsLeg, odiSections: sections, walkingMinutes, standingMinutes, pgic }) };
}

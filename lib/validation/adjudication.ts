/**
 * What the adjudication screens accept: the review queue's view from the URL (read leniently, so a mistyped
 * link still opens a sensible queue), a quality officer's decision, and the reporting physician's answer.
 */
import { z } from "zod";
import { ADJUDICATION_STATUSES, COMPLICATION_TYPES, RELATEDNESS_KINDS } from "@/db/enums";
import { optionalChoice, optionalNumber, requiredText } from "./fields";
import { lenient, parseListQuery, tableViewParams } from "./listQuery";
import { recordIdField } from "./recordId";

export const REVIEW_STATUS_FILTERS = ["open", ...ADJUDICATION_STATUSES, "all"] as const;
export type ReviewStatusFilter = (typeof REVIEW_STATUS_FILTERS)[number];
export const REVIEW_AGE_FILTERS = ["7", "14", "30", "90"] as const;
export const REVIEW_SORTS = ["reported", "onset", "grade", "type", "physician", "status"] as const;
export const REVIEW_PAGE_SIZES = [10, 25, 50, 100] as const;

/** The queue's view, read leniently from the URL: a mistyped link still opens a sensible queue. */
export const reviewQueueQuerySchema = z.object({
  status: z.enum(REVIEW_STATUS_FILTERS).catch("open").default("open"),
  physician: lenient(recordIdField("must be a numeric id")),
  type: lenient(z.enum(COMPLICATION_TYPES)),
  grade: lenient(z.coerce.number().int().min(1).max(5)),
  age: lenient(z.enum(REVIEW_AGE_FILTERS)),
  // Oldest report first by default: the queue is worked in order of waiting time.
  ...tableViewParams({ sorts: REVIEW_SORTS, sort: "reported", dir: "asc", sizes: REVIEW_PAGE_SIZES, size: 25 }),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export function parseReviewQueueQuery(params: Record<string, string | string[] | undefined>): ReviewQueueQuery {
  return parseListQuery(reviewQueueQuerySchema, params);
}

export const ADJUDICATION_DECISIONS = ["confirm", "reject", "needs_info"] as const;
export type AdjudicationDecision = (typeof ADJUDICATION_DECISIONS)[number];
/** The longest reason, question or answer in an adjudication thread (and an imported adjudication note). */
export const ADJUDICATION_TEXT_MAX_LENGTH = 2000;

export const adjudicationSchema = z.object({
  decision: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(ADJUDICATION_DECISIONS, { error: "Choose a decision: confirm, not a complication, or ask for information" }),
  ),
  reason: z.preprocess((v) => v ?? "", requiredText("reason for the decision", ADJUDICATION_TEXT_MAX_LENGTH)),
  finalGrade: optionalNumber({ label: "Final Clavien–Dindo grade", min: 1, max: 5, integer: true }),
  finalRelatedness: optionalChoice(RELATEDNESS_KINDS, "final relatedness"),
});

export const answerSchema = z.object({
  answer: z.preprocess((v) => v ?? "", requiredText("answer", ADJUDICATION_TEXT_MAX_LENGTH)),
});

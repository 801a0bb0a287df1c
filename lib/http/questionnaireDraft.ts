/**
 * A refused questionnaire travels back to the page in a short-lived cookie (POST → 303 → GET), so the form
 * works without JavaScript and the patient sees their answers and the messages. The cookie is scoped to the
 * link's own path, HTTP-only, and lives five minutes; the page ignores anything in it that is not a draft.
 */
import { z } from "zod";

export const DRAFT_COOKIE = "mild-q-draft";
export const DRAFT_MAX_AGE_SECONDS = 300;

const draftSchema = z.object({
  values: z.record(z.string().max(40), z.string().max(20)),
  errors: z.record(z.string().max(40), z.string().max(200)),
});
export type QuestionnaireDraft = z.infer<typeof draftSchema>;

export function encodeDraft(draft: QuestionnaireDraft): string {
  return Buffer.from(JSON.stringify(draft), "utf8").toString("base64url");
}

export function decodeDraft(cookie: string | undefined): QuestionnaireDraft | null {
  if (!cookie) return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(Buffer.from(cookie, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

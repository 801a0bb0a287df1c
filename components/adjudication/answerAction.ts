"use server";

import { revalidatePath } from "next/cache";
import { answerInformationRequest } from "@/lib/dal/adjudication";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

export type AnswerState = FormState | { ok: true; message: string; attempt: number };

/** The reporting physician answers a quality officer's request for information; the report returns to the queue. */
export async function answerInformationRequestAction(complicationId: number, previous: AnswerState, formData: FormData): Promise<AnswerState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  const attempt = (previous?.attempt ?? 0) + 1;
  try {
    const updated = await answerInformationRequest(principal, complicationId, values);
    revalidatePath(`/procedures/${updated.procedureId}`);
    revalidatePath("/quality/review");
    return { ok: true, message: "Your answer was sent. The report is back in the quality officer's queue.", attempt };
  } catch (error) {
    return { ...formStateFromError(error, values, null), attempt };
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { answerInformationRequest } from "@/lib/dal/records/adjudication";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { formDataToObject, formSaved, formStateFromError, type FormState } from "@/lib/validation/formData";

/** The reporting physician answers a quality officer's request for information; the report returns to the queue. */
export async function answerInformationRequestAction(complicationId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  try {
    const updated = await answerInformationRequest(principal, complicationId, values);
    revalidatePath(`/procedures/${updated.procedureId}`);
    revalidatePath("/quality/review");
    return formSaved(previous, "Your answer was sent. The report is back in the quality officer's queue.");
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
}

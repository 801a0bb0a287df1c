"use server";

import { revalidatePath } from "next/cache";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { sendInvitationNow } from "@/lib/dal/invitations/staffInvitations";
import { formDataToObject, formSaved, formStateFromError, type FormState } from "@/lib/validation/formData";

/** Sends one of the procedure's questionnaires to the patient now (by email, through the outbox). */
export async function sendInvitationAction(procedureId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  const submitted = formDataToObject(formData);
  try {
    await sendInvitationNow(me, procedureId, String(submitted.key ?? ""));
    revalidatePath(`/procedures/${procedureId}`);
    return formSaved(previous, "Queued: the message is in the outbox and goes out with the next send.");
  } catch (error) {
    return formStateFromError(error, submitted, previous);
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { reportComplication, updateComplication } from "@/lib/dal/complications";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

function revalidateAfterComplication(procedureId: number) {
  revalidatePath(`/procedures/${procedureId}`);
  revalidatePath("/patients/[id]", "page");
  // Home and the quality screens count reports awaiting adjudication.
  revalidatePath("/");
  revalidatePath("/quality");
}

export async function reportComplicationAction(previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let procedureId: number;
  try {
    procedureId = (await reportComplication(principal, values)).procedureId;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidateAfterComplication(procedureId);
  redirect(`/procedures/${procedureId}`);
}

export async function updateComplicationAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let procedureId: number;
  try {
    procedureId = (await updateComplication(principal, id, values)).procedureId;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidateAfterComplication(procedureId);
  redirect(`/procedures/${procedureId}`);
}

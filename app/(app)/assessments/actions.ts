"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAssessment, updateAssessment } from "@/lib/dal/assessments";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

function revalidateAfterAssessment(procedureId: number) {
  revalidatePath(`/procedures/${procedureId}`);
  // The patient page charts the same scores; its URL is not known here, so refresh the patients area.
  revalidatePath("/patients/[id]", "page");
  revalidatePath("/worklist");
  revalidatePath("/");
}

export async function createAssessmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let procedureId: number;
  try {
    procedureId = (await createAssessment(principal, values)).procedureId;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidateAfterAssessment(procedureId);
  redirect(`/procedures/${procedureId}`);
}

export async function updateAssessmentAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let procedureId: number;
  try {
    procedureId = (await updateAssessment(principal, id, values)).procedureId;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidateAfterAssessment(procedureId);
  redirect(`/procedures/${procedureId}`);
}

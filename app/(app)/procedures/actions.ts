"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createProcedure, updateProcedure } from "@/lib/dal/procedures";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

// Levels are ticked checkboxes sharing one name: always an array, so "none ticked" reaches the schema as [].
const PROCEDURE_FIELDS = { multi: ["levels"] } as const;

export async function createProcedureAction(previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData, PROCEDURE_FIELDS);
  let created: { id: number; patientId: number };
  try {
    created = await createProcedure(principal, values);
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidatePath("/procedures");
  revalidatePath("/worklist");
  revalidatePath(`/patients/${created.patientId}`);
  redirect(`/procedures/${created.id}`);
}

export async function updateProcedureAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData, PROCEDURE_FIELDS);
  let updated: { id: number; patientId: number };
  try {
    updated = await updateProcedure(principal, id, values);
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidatePath("/procedures");
  revalidatePath("/worklist");
  revalidatePath(`/patients/${updated.patientId}`);
  revalidatePath(`/procedures/${id}`);
  redirect(`/procedures/${id}`);
}

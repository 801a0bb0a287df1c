"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createPatient, updatePatient } from "@/lib/dal/patients";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

// The DAL validates, authorizes and audits; these only translate between the form and it.

export async function createPatientAction(previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let id: number;
  try {
    id = (await createPatient(principal, values)).id;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidatePath("/patients");
  redirect(`/patients/${id}`);
}

export async function updatePatientAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  try {
    await updatePatient(principal, id, values);
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidatePath("/patients");
  revalidatePath(`/patients/${id}`);
  redirect(`/patients/${id}`);
}

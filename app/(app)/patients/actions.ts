"use server";

import { revalidatePath } from "next/cache";
import { createPatient, updatePatient } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../saveRecordForm";

function refreshPatient({ id }: { id: number }): string {
  revalidatePath("/patients");
  revalidatePath(`/patients/${id}`);
  return `/patients/${id}`;
}

export async function createPatientAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => createPatient(me, values), refreshPatient);
}

export async function updatePatientAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => updatePatient(me, id, values), refreshPatient);
}

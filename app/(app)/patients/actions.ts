"use server";

import { revalidatePath } from "next/cache";
import { createPatient, updatePatient } from "@/lib/dal/patients";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../saveRecordForm";

function refreshPatient(id: number): string {
  revalidatePath("/patients");
  revalidatePath(`/patients/${id}`);
  return `/patients/${id}`;
}

export async function createPatientAction(previous: FormState, formData: FormData): Promise<FormState> {
  return saveRecordForm(previous, formData, createPatient, (patient) => refreshPatient(patient.id));
}

export async function updatePatientAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  return saveRecordForm(
    previous,
    formData,
    (principal, values) => updatePatient(principal, id, values),
    () => refreshPatient(id),
  );
}

"use server";

import { revalidatePath } from "next/cache";
import { createProcedure, updateProcedure } from "@/lib/dal/records/procedures";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../saveRecordForm";

// Levels are ticked checkboxes sharing one name: always an array, so "none ticked" reaches the schema as [].
const PROCEDURE_FIELDS = { multi: ["levels"] } as const;

function refreshProcedure(procedure: { id: number; patientId: number }): string {
  revalidatePath("/procedures");
  revalidatePath("/worklist");
  revalidatePath(`/patients/${procedure.patientId}`);
  revalidatePath(`/procedures/${procedure.id}`);
  return `/procedures/${procedure.id}`;
}

export async function createProcedureAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => createProcedure(me, values), refreshProcedure, PROCEDURE_FIELDS);
}

export async function updateProcedureAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => updateProcedure(me, id, values), refreshProcedure, PROCEDURE_FIELDS);
}

"use server";

import { revalidatePath } from "next/cache";
import { createAssessment, updateAssessment } from "@/lib/dal/records/assessments";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../saveRecordForm";

function refreshAfterAssessment({ procedureId }: { procedureId: number }): string {
  revalidatePath(`/procedures/${procedureId}`);
  // The patient page charts the same scores; its URL is not known here, so refresh the patients area.
  revalidatePath("/patients/[id]", "page");
  revalidatePath("/worklist");
  revalidatePath("/");
  return `/procedures/${procedureId}`;
}

export async function createAssessmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => createAssessment(me, values), refreshAfterAssessment);
}

export async function updateAssessmentAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => updateAssessment(me, id, values), refreshAfterAssessment);
}

"use server";

import { revalidatePath } from "next/cache";
import { reportComplication, updateComplication } from "@/lib/dal/complications";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../saveRecordForm";

function refreshAfterComplication({ procedureId }: { procedureId: number }): string {
  revalidatePath(`/procedures/${procedureId}`);
  revalidatePath("/patients/[id]", "page");
  // Home and the quality screens count reports awaiting adjudication.
  revalidatePath("/");
  revalidatePath("/quality");
  return `/procedures/${procedureId}`;
}

export async function reportComplicationAction(previous: FormState, formData: FormData): Promise<FormState> {
  return saveRecordForm(previous, formData, reportComplication, refreshAfterComplication);
}

export async function updateComplicationAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  return saveRecordForm(previous, formData, (principal, values) => updateComplication(principal, id, values), refreshAfterComplication);
}

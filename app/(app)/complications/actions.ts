"use server";

import { revalidatePath } from "next/cache";
import { reportComplication, updateComplication } from "@/lib/dal/records/complications";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
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
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => reportComplication(me, values), refreshAfterComplication);
}

export async function updateComplicationAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => updateComplication(me, id, values), refreshAfterComplication);
}

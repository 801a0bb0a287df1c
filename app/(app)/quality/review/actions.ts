"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adjudicateComplication } from "@/lib/dal/adjudication";
import { requirePrincipal } from "@/lib/dal/session";
import { formDataToObject, formStateFromError, type FormState } from "@/lib/validation/formData";

/** A quality officer's decision on one report; the DAL checks the role, the reason and the grades. */
export async function adjudicateAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const principal = await requirePrincipal();
  const values = formDataToObject(formData);
  let procedureId: number;
  try {
    procedureId = (await adjudicateComplication(principal, id, values)).procedureId;
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  revalidatePath("/quality/review");
  revalidatePath(`/procedures/${procedureId}`);
  revalidatePath("/");
  redirect(`/quality/review/${id}?decided=${encodeURIComponent(String(values.decision ?? ""))}`);
}

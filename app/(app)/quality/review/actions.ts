"use server";

import { revalidatePath } from "next/cache";
import { adjudicateComplication } from "@/lib/dal/adjudication";
import { requirePrincipal } from "@/lib/dal/session";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../../saveRecordForm";

/** A quality officer's decision on one report; the DAL checks the role, the reason and the grades. */
export async function adjudicateAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(
    previous,
    formData,
    (values) => adjudicateComplication(me, id, values),
    ({ procedureId }, values) => {
      revalidatePath("/quality/review");
      revalidatePath(`/procedures/${procedureId}`);
      revalidatePath("/");
      return `/quality/review/${id}?decided=${encodeURIComponent(String(values.decision ?? ""))}`;
    },
  );
}

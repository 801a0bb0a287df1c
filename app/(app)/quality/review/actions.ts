"use server";

import { revalidatePath } from "next/cache";
import { adjudicateComplication } from "@/lib/dal/records/adjudication";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import type { FormState, FormValues } from "@/lib/validation/formData";
import { saveRecordForm } from "../../saveRecordForm";

/** After a decision: the queue, the procedure and home count it; back to the report, saying what was decided. */
function afterDecision(id: number) {
  return ({ procedureId }: { procedureId: number }, values: FormValues) => {
    revalidatePath("/quality/review");
    revalidatePath(`/procedures/${procedureId}`);
    revalidatePath("/");
    return `/quality/review/${id}?decided=${encodeURIComponent(String(values.decision ?? ""))}`;
  };
}

/** A quality officer's decision on one report; the DAL checks the role, the reason and the grades. */
export async function adjudicateAction(id: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => adjudicateComplication(me, id, values), afterDecision(id));
}

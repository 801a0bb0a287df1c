"use server";

import { revalidatePath } from "next/cache";
import { recordContactAttempt, setFollowUpStatus } from "@/lib/dal/records/followUp";
import { recordSubsequentSurgery } from "@/lib/dal/records/subsequentSurgeries";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import type { FormState } from "@/lib/validation/formData";
import { saveRecordForm } from "../../saveRecordForm";

/** Back to the procedure's follow-up panel; the worklist and the completeness figures change with it. */
function refreshFollowUp(procedureId: number) {
  return () => {
    revalidatePath(`/procedures/${procedureId}`);
    revalidatePath("/worklist");
    revalidatePath("/");
    return `/procedures/${procedureId}#procedure-follow-up`;
  };
}

export async function recordContactAttemptAction(procedureId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => recordContactAttempt(me, { ...values, procedureId }), refreshFollowUp(procedureId));
}

export async function setFollowUpStatusAction(procedureId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(previous, formData, (values) => setFollowUpStatus(me, { ...values, procedureId }), refreshFollowUp(procedureId));
}

export async function recordSubsequentSurgeryAction(procedureId: number, previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return saveRecordForm(
    previous,
    formData,
    (values) => recordSubsequentSurgery(me, { ...values, procedureId }),
    () => {
      revalidatePath(`/procedures/${procedureId}`);
      revalidatePath("/outcomes");
      return `/procedures/${procedureId}#procedure-surgery`;
    },
    { multi: ["levels"] },
  );
}

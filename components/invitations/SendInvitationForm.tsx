"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { SelectField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";

/** Staff send one questionnaire by hand: the procedure's questionnaires open now, one to choose. */
export function SendInvitationForm({ action, options }: { action: FormAction; options: { value: string; label: string }[] }) {
  return (
    <ActionForm id="send-invitation" action={action} submitLabel="Send now by email" pendingLabel="Sending…" submitClassName="button secondary">
      <SelectField name="key" label="Questionnaire" options={options} placeholder="Choose…" />
    </ActionForm>
  );
}

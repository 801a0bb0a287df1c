"use client";

import { RadioGroup } from "@/components/forms/ChoiceFields";
import { SelectField, TextAreaField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";
import { RecordForm } from "@/components/forms/RecordForm";
import { CLAVIEN_DINDO, RELATEDNESS_LABELS } from "@/lib/labels";
import type { FormValues } from "@/lib/validation/formData";

const DECISIONS = [
  { value: "confirm", label: "Confirm", description: "It is a complication. The final grade and relatedness below count in the statistics." },
  { value: "reject", label: "Not a complication", description: "It stays on the record as reported, but no complication rate counts it." },
  { value: "needs_info", label: "Ask for information", description: "Your reason is sent to the physician as a question; the report waits for the answer." },
];

/**
 * The quality officer's decision. Leaving the final values blank confirms the event as reported, so the common
 * case is one choice and a reason; setting them never touches the reporter's originals.
 */
export function DecisionForm({ action, initialValues, maxReason }: { action: FormAction; initialValues: FormValues; maxReason: number }) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Record decision" cancelHref="/quality/review" label="Adjudication decision">
      <RadioGroup name="decision" label="Decision" options={DECISIONS} />
      <div className="form-grid">
        <SelectField
          name="finalGrade"
          label="Final Clavien–Dindo grade"
          hint="Used when confirming; blank keeps the reporter's grade."
          optional
          placeholder="As reported"
          options={CLAVIEN_DINDO.map((g) => ({ value: String(g.grade), label: `${g.roman} — ${g.description}` }))}
        />
        <SelectField
          name="finalRelatedness"
          label="Final relatedness"
          hint="Used when confirming; blank keeps the reporter's relatedness."
          optional
          placeholder="As reported"
          options={Object.entries(RELATEDNESS_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <TextAreaField
        name="reason"
        label="Reason"
        hint={`Required. Recorded in the audit log and shown to the physician; for a request, write the question. Up to ${maxReason.toLocaleString("en-GB")} characters.`}
        maxLength={maxReason}
        rows={4}
      />
    </RecordForm>
  );
}

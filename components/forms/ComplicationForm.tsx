"use client";

import { useState } from "react";
import { COMPLICATION_OUTCOMES, COMPLICATION_TYPES, RELATEDNESS_KINDS } from "@/db/enums";
import { CLAVIEN_DINDO, COMPLICATION_OUTCOME_LABELS, COMPLICATION_TYPE_LABELS, labelledOptions, RELATEDNESS_LABELS } from "@/lib/labels";
import type { FormValues } from "@/lib/validation/formData";
import { CheckboxField, RadioGroup } from "./ChoiceFields";
import { DateField, HiddenField, SelectField, TextAreaField, TextField } from "./Field";
import { useInitialValue } from "./FormContext";
import type { FormAction } from "@/lib/validation/formData";
import { RecordForm } from "./RecordForm";

const RELATEDNESS_HINTS: Record<(typeof RELATEDNESS_KINDS)[number], string> = {
  device: "Caused by the MILD device or its instruments",
  procedure: "Caused by the procedure itself (access, decompression)",
  anaesthesia: "Caused by the anaesthesia or sedation",
  unrelated: "Not caused by the procedure",
  unknown: "Cannot be decided yet",
};

export function ComplicationForm({
  action,
  initialValues,
  submitLabel,
  procedureDateText,
  cancelHref,
}: {
  action: FormAction;
  initialValues: FormValues;
  submitLabel: "Report complication" | "Save complication";
  procedureDateText: string;
  cancelHref: string;
}) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel={submitLabel} cancelHref={cancelHref} label="Complication report">
      <ComplicationFields procedureDateText={procedureDateText} />
    </RecordForm>
  );
}

function ComplicationFields({ procedureDateText }: { procedureDateText: string }) {
  const [type, setType] = useState(useInitialValue("type"));
  return (
    <>
      <HiddenField name="procedureId" />
      <section className="form-section">
        <h2 id="complication-what">What happened</h2>
        <div className="form-grid">
          <SelectField
            name="type"
            label="Type"
            placeholder="Choose a type…"
            options={labelledOptions(COMPLICATION_TYPES, COMPLICATION_TYPE_LABELS)}
            onValueChange={setType}
          />
          <DateField name="onsetDate" label="Onset date" hint={`On or after the procedure (${procedureDateText}), not in the future`} />
        </div>
        {type === "other" && <TextField name="typeOther" label="Describe the complication" hint="Up to 200 characters" maxLength={200} />}
        <CheckboxField
          name="serious"
          label="Serious adverse event"
          hint="Death, life-threatening, hospitalisation or its prolongation, persistent disability, or an intervention to prevent one of these"
        />
      </section>

      <section className="form-section">
        <h2 id="complication-grade">Severity and cause</h2>
        <RadioGroup
          name="grade"
          label="Clavien–Dindo grade"
          hint="Graded by the treatment the complication needed"
          options={CLAVIEN_DINDO.map((g) => ({ value: String(g.grade), label: `Grade ${g.roman}`, description: g.description }))}
        />
        <RadioGroup
          name="relatedness"
          label="Related to"
          options={RELATEDNESS_KINDS.map((r) => ({ value: r, label: RELATEDNESS_LABELS[r], description: RELATEDNESS_HINTS[r] }))}
        />
      </section>

      <section className="form-section">
        <h2 id="complication-course">Treatment and outcome</h2>
        <TextAreaField name="treatment" label="Treatment given" optional hint="Up to 1,000 characters, e.g. “Oral antibiotics for 7 days”" maxLength={1000} />
        <RadioGroup name="outcome" label="Outcome" inline options={labelledOptions(COMPLICATION_OUTCOMES, COMPLICATION_OUTCOME_LABELS)} />
      </section>
    </>
  );
}

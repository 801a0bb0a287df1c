"use client";

import { DIAGNOSES, RISK_FACTORS, SEXES } from "@/db/enums";
import { RISK_FACTOR_LABELS } from "@/lib/labels";
import { DIAGNOSIS_LABELS, SEX_LABELS } from "@/lib/labels";
import type { FormValues } from "@/lib/validation/formData";
import { CheckboxField, Fieldset, RadioGroup } from "./ChoiceFields";
import { DateField, SelectField, TextField } from "./Field";
import type { FormAction } from "@/lib/validation/formData";
import { PhysicianField, type PhysicianChoice } from "./PhysicianField";
import { RecordForm } from "./RecordForm";

export type SiteChoice = { id: number; name: string };

export function PatientForm({
  action,
  initialValues,
  sites,
  physicians,
  cancelHref,
}: {
  action: FormAction;
  initialValues: FormValues;
  sites: SiteChoice[];
  /** For a coordinator: the physicians of their sites, one of whom becomes the responsible physician. */
  physicians?: PhysicianChoice[];
  cancelHref: string;
}) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Save patient" cancelHref={cancelHref} label="Patient">
      <section className="form-section">
        <h2 id="patient-identity">Identity</h2>
        <div className="form-grid">
          <SelectField name="siteId" label="Site" options={sites.map((s) => ({ value: String(s.id), label: s.name }))} placeholder="Choose a site…" />
          {physicians && <PhysicianField physicians={physicians} hint="The patient’s responsible physician; you enter the record on their behalf" />}
          <TextField name="mrn" label="Medical record number (MRN)" hint="Unique within the site; up to 40 characters" maxLength={40} size="medium" />
          <TextField name="name" label="Full name" maxLength={200} autoComplete="off" />
          <DateField name="dateOfBirth" label="Date of birth" />
        </div>
        <RadioGroup name="sex" label="Sex" inline options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))} />
        <RadioGroup
          name="diagnosis"
          label="Diagnosis"
          hint="The indication for MILD"
          options={DIAGNOSES.map((d) => ({ value: d, label: DIAGNOSIS_LABELS[d] }))}
        />
      </section>
      <section className="form-section">
        <h2 id="patient-risks">Risk factors</h2>
        <Fieldset name="riskFactors" label="Risk factors present" hint="Tick every one that applies; leave all unticked if none">
          <span className="choices columns">
            {RISK_FACTORS.map((r) => (
              <CheckboxField key={r} name={r} label={RISK_FACTOR_LABELS[r]} />
            ))}
          </span>
        </Fieldset>
      </section>
    </RecordForm>
  );
}

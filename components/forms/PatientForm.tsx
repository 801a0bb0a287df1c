"use client";

import { INVITATION_CHANNELS, DIAGNOSES, RISK_FACTORS, SEXES } from "@/db/enums";
import { CONSENT_WORDINGS, CURRENT_CONSENT_VERSION } from "@/lib/outcomes/contactConsent";
import { labelledOptions, RISK_FACTOR_LABELS } from "@/lib/labels";
import { INVITATION_CHANNEL_LABELS, DIAGNOSIS_LABELS, SEX_LABELS } from "@/lib/labels";
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
        <RadioGroup name="sex" label="Sex" inline options={labelledOptions(SEXES, SEX_LABELS)} />
        <RadioGroup name="diagnosis" label="Diagnosis" hint="The indication for MILD" options={labelledOptions(DIAGNOSES, DIAGNOSIS_LABELS)} />
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
      <section className="form-section">
        <h2 id="patient-contact">Contact and consent</h2>
        <p className="hint">Optional. The patient answers questionnaires from a link; these details never leave the clinic in a de-identified export.</p>
        <div className="form-grid">
          <TextField name="email" label="Email address" type="email" autoComplete="off" maxLength={254} optional />
          <TextField name="mobile" label="Mobile" autoComplete="off" maxLength={25} size="medium" optional />
        </div>
        <RadioGroup name="preferredChannel" label="Send questionnaires by" inline options={labelledOptions(INVITATION_CHANNELS, INVITATION_CHANNEL_LABELS)} />
        <input type="hidden" name="language" value="en" />
        <blockquote className="consent-wording" id="consent-wording">
          {CONSENT_WORDINGS[CURRENT_CONSENT_VERSION]} <span className="muted">(wording {CURRENT_CONSENT_VERSION})</span>
        </blockquote>
        <CheckboxField
          name="contactConsent"
          label="The patient consents to be contacted, in these words"
          hint="Ticking records today's date, you and the wording's version; unticking later records an opt-out."
        />
      </section>
    </RecordForm>
  );
}

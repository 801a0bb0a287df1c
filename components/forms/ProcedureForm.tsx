"use client";

import { useState } from "react";
import { ANAESTHESIA_KINDS, LEVELS, PRIOR_TREATMENT_TYPES, PROCEDURE_SIDES } from "@/db/enums";
import { ANAESTHESIA_LABELS, labelledOptions, PRIOR_TREATMENT_LABELS, SIDE_LABELS } from "@/lib/labels";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
import { priorTreatmentWithin12Months } from "@/lib/outcomes/eligibility";
import type { FormValues } from "@/lib/validation/formData";
import { CheckboxField, CheckboxGroup, RadioGroup } from "./ChoiceFields";
import { DateField, HiddenField, SelectField, TextAreaField, TextField } from "./Field";
import { useField, useInitialValue } from "./FormContext";
import type { FormAction } from "@/lib/validation/formData";
import { PhysicianField, type PhysicianChoice } from "./PhysicianField";
import { RecordForm } from "./RecordForm";

type Choice = { id: number; name: string };
type PatientRef = { id: number; name: string; mrn: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The clinic's exclusion, checked as the user types: a lumbar treatment in the 12 months before MILD. The
 * procedure can still be recorded (it happened) once the physician confirms; it is then flagged. The server
 * applies the same rule (lib/outcomes/eligibility.ts) and refuses without the confirmation.
 */
function EligibilityCheck({ procedureDate, priorDate, priorType }: { procedureDate: string; priorDate: string; priorType: string }) {
  const ack = useField("priorTreatmentAcknowledged");
  const within = ISO.test(procedureDate) && ISO.test(priorDate) && priorTreatmentWithin12Months(procedureDate, priorDate);
  // The server may ask for the confirmation with dates the browser could not check (e.g. typed partially).
  if (!within && ack.errors.length === 0) return null;
  const what = priorType ? (PRIOR_TREATMENT_LABELS[priorType as keyof typeof PRIOR_TREATMENT_LABELS] ?? "Prior lumbar treatment") : "A lumbar treatment";
  const days = within ? daysBetween(priorDate, procedureDate) : null;
  return (
    <div className="eligibility-warning" role="alert">
      <p className="eligibility-title">Exclusion: lumbar treatment within 12 months before MILD</p>
      {within && (
        <p>
          {what} on {displayDate(priorDate)} is {days} day{days === 1 ? "" : "s"} before the procedure on {displayDate(procedureDate)}.
        </p>
      )}
      <p>
        The clinic’s criteria exclude patients treated with laminectomy, laminotomy, fusion, interspinous process decompression or MILD in the 12 months before.
        The procedure is still recorded, flagged, so analyses can include or exclude it.
      </p>
      <CheckboxField
        name="priorTreatmentAcknowledged"
        required
        label="I confirm the prior treatment and its date, and that this procedure is recorded as a flagged exclusion"
      />
    </div>
  );
}

export function ProcedureForm({
  action,
  initialValues,
  sites,
  patient,
  patientChoices,
  physicians,
  cancelHref,
}: {
  action: FormAction;
  initialValues: FormValues;
  sites: Choice[];
  /** The patient, when the form was opened from their page (or for an edit): then not a choice. */
  patient: PatientRef | null;
  patientChoices?: { id: number; label: string }[];
  /** For a coordinator: the physicians of their sites, one of whom performed the procedure. */
  physicians?: PhysicianChoice[];
  cancelHref: string;
}) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Save procedure" cancelHref={cancelHref} label="Procedure">
      <ProcedureFields sites={sites} patient={patient} patientChoices={patientChoices} physicians={physicians} />
    </RecordForm>
  );
}

function ProcedureFields({
  sites,
  patient,
  patientChoices,
  physicians,
}: {
  sites: Choice[];
  patient: PatientRef | null;
  patientChoices?: { id: number; label: string }[];
  physicians?: PhysicianChoice[];
}) {
  // Inside the form so they start from the submitted values after a refusal (the form remounts).
  const [procedureDate, setProcedureDate] = useState(useInitialValue("procedureDate"));
  const [priorDate, setPriorDate] = useState(useInitialValue("priorTreatmentDate"));
  const [priorType, setPriorType] = useState(useInitialValue("priorTreatmentType"));
  const patientField = useField("patientId");

  return (
    <>
      <section className="form-section">
        <h2 id="procedure-main">Procedure</h2>
        {patient ? (
          <div className="field">
            <span className="field-static-label">Patient</span>
            <span>
              {patient.name} · MRN {patient.mrn}
            </span>
            <HiddenField name="patientId" />
            {patientField.errors.length > 0 && <span className="field-error">{patientField.errors.join(" ")}</span>}
          </div>
        ) : (
          <SelectField
            name="patientId"
            label="Patient"
            hint="Not in the list? Find the patient by name or MRN above."
            placeholder="Choose a patient…"
            options={(patientChoices ?? []).map((p) => ({ value: String(p.id), label: p.label }))}
          />
        )}
        <div className="form-grid">
          <SelectField name="siteId" label="Site" placeholder="Choose a site…" options={sites.map((s) => ({ value: String(s.id), label: s.name }))} />
          {physicians && <PhysicianField physicians={physicians} hint="Who performed the procedure; you enter it on their behalf" />}
          <DateField name="procedureDate" label="Procedure date" onValueChange={setProcedureDate} />
        </div>
        <CheckboxGroup
          name="levels"
          label="Levels treated"
          hint="Tick every interlaminar level decompressed"
          inline
          options={LEVELS.map((l) => ({ value: l, label: l }))}
        />
        <RadioGroup name="side" label="Side" inline options={labelledOptions(PROCEDURE_SIDES, SIDE_LABELS)} />
        <RadioGroup name="anaesthesia" label="Anaesthesia" inline options={labelledOptions(ANAESTHESIA_KINDS, ANAESTHESIA_LABELS)} />
        <TextField name="deviceLot" label="Device lot number" optional hint="As printed on the kit; up to 60 characters" maxLength={60} size="medium" />
      </section>

      <section className="form-section">
        <h2 id="procedure-prior">Prior lumbar treatment</h2>
        <p className="muted small">
          Laminectomy, laminotomy, fusion, interspinous process decompression or a previous MILD, if the patient had one. Leave empty if none.
        </p>
        <div className="form-grid">
          <SelectField
            name="priorTreatmentType"
            label="Prior lumbar treatment"
            optional
            placeholder="None"
            options={labelledOptions(PRIOR_TREATMENT_TYPES, PRIOR_TREATMENT_LABELS)}
            onValueChange={setPriorType}
          />
          <DateField
            name="priorTreatmentDate"
            label="Date of that treatment"
            optional
            hint="Required when a prior treatment is chosen"
            onValueChange={setPriorDate}
          />
        </div>
        <EligibilityCheck procedureDate={procedureDate} priorDate={priorDate} priorType={priorType} />
      </section>

      <section className="form-section">
        <TextAreaField
          name="notes"
          label="Notes"
          optional
          hint="Up to 2,000 characters. Free text is removed from de-identified exports."
          maxLength={2000}
          rows={4}
        />
      </section>
    </>
  );
}

"use client";

import { CONTACT_CHANNELS, CONTACT_OUTCOMES, FOLLOW_UP_STATUSES, LEVELS, SUBSEQUENT_SURGERY_TYPES } from "@/db/enums";
import { CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_LABELS, FOLLOW_UP_STATUS_LABELS, labelledOptions, SUBSEQUENT_SURGERY_LABELS } from "@/lib/labels";
import type { FormAction, FormValues } from "@/lib/validation/formData";
import { CheckboxGroup, RadioGroup } from "./ChoiceFields";
import { DateField, SelectField, TextAreaField } from "./Field";
import { RecordForm } from "./RecordForm";

type Common = { action: FormAction; initialValues: FormValues; cancelHref: string };

/** One attempt to reach the patient for follow-up: failed ones in a row lead to "lost to follow-up". */
export function ContactAttemptForm({ action, initialValues, cancelHref, nextOrdinal }: Common & { nextOrdinal: string }) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel={`Record the ${nextOrdinal} attempt`} cancelHref={cancelHref} label="Contact attempt">
      <div className="form-grid">
        <DateField name="attemptedOn" label="Date of the attempt" />
        <SelectField name="channel" label="How" placeholder="Choose…" options={labelledOptions(CONTACT_CHANNELS, CONTACT_CHANNEL_LABELS)} />
        <SelectField name="outcome" label="Outcome" placeholder="Choose…" options={labelledOptions(CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS)} />
      </div>
      <TextAreaField name="note" label="Note" optional hint="e.g. the number called; up to 500 characters" maxLength={500} rows={2} />
    </RecordForm>
  );
}

/**
 * Whether the patient is still followed. "Lost to follow-up" is offered once enough attempts in a row have
 * failed (the data layer checks it too); active again removes the mark.
 */
export function FollowUpStatusForm({ action, initialValues, cancelHref, canMarkLost, lostHint }: Common & { canMarkLost: boolean; lostHint: string }) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Save follow-up status" cancelHref={cancelHref} label="Follow-up status">
      <RadioGroup
        name="status"
        label="Follow-up status"
        hint={lostHint}
        options={FOLLOW_UP_STATUSES.filter((s) => s !== "lost" || canMarkLost || initialValues.status === "lost").map((s) => ({
          value: s,
          label: FOLLOW_UP_STATUS_LABELS[s],
        }))}
        inline
      />
      <DateField name="statusDate" label="From" optional hint="Required unless active: the day contact was given up, the patient withdrew, or died" />
      <TextAreaField name="note" label="Note" optional hint="Up to 500 characters" maxLength={500} rows={2} />
    </RecordForm>
  );
}

/** Lumbar surgery after MILD, the durability outcome. */
export function SubsequentSurgeryForm({ action, initialValues, cancelHref }: Common) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Record surgery" cancelHref={cancelHref} label="Subsequent lumbar surgery">
      <div className="form-grid">
        <DateField name="surgeryDate" label="Date of the surgery" hint="After the procedure, not in the future" />
        <SelectField name="type" label="Kind of surgery" placeholder="Choose…" options={labelledOptions(SUBSEQUENT_SURGERY_TYPES, SUBSEQUENT_SURGERY_LABELS)} />
      </div>
      <CheckboxGroup
        name="levels"
        label="Levels operated"
        optional
        hint="Leave empty if not known"
        inline
        options={LEVELS.map((l) => ({ value: l, label: l }))}
      />
      <TextAreaField name="note" label="Note" optional hint="Up to 500 characters" maxLength={500} rows={2} />
    </RecordForm>
  );
}

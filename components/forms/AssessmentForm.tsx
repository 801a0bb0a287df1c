"use client";

import { useContext, useState } from "react";
import { TIMEPOINTS, type Timepoint } from "@/db/enums";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
import { ODI_SECTION_LABELS, ODI_SECTIONS, scoreOdi } from "@/lib/outcomes/odi";
import { SCHEDULE, timepointForDay, timepointWindowDates } from "@/lib/outcomes/timepoints";
import type { FormValues } from "@/lib/validation/formData";
import { CheckboxField, Fieldset, RadioGroup } from "./ChoiceFields";
import { DateField, HiddenField, NumberField, SelectField, TextAreaField, TextField } from "./Field";
import { FormContext, useInitialValue } from "./FormContext";
import type { FormAction } from "@/lib/validation/formData";
import { RecordForm } from "./RecordForm";
import { PGIC_LABELS } from "@/lib/labels";

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const SECTION_NAMES = Array.from({ length: ODI_SECTIONS }, (_, i) => `odiS${i + 1}`);
const SECTION_ANSWERS = [
  { value: "0", label: "0 – no disability" },
  { value: "1", label: "1" },
  { value: "2", label: "2" },
  { value: "3", label: "3" },
  { value: "4", label: "4" },
  { value: "5", label: "5 – most disability" },
];

function windowText(t: Timepoint): string {
  const w = SCHEDULE.find((s) => s.timepoint === t);
  if (!w) return "outside every window";
  return w.from === w.to ? `day ${w.from}` : `days ${w.from} to ${w.to}`;
}

type ProcedureRef = { id: number; procedureDate: string; procedureDateText: string };

export function AssessmentForm({
  action,
  initialValues,
  procedure,
  takenTimepoints,
  cancelHref,
  patientReported,
}: {
  action: FormAction;
  initialValues: FormValues;
  procedure: ProcedureRef;
  /** Scheduled timepoints this procedure already has (other than the one being edited). */
  takenTimepoints: Timepoint[];
  cancelHref: string;
  /** Editing answers the patient sent from their link: a correction needs its reason, and the original is kept. */
  patientReported?: boolean;
}) {
  return (
    <RecordForm action={action} initialValues={initialValues} submitLabel="Save assessment" cancelHref={cancelHref} label="Assessment">
      <AssessmentFields procedure={procedure} takenTimepoints={takenTimepoints} />
      {patientReported && (
        <section className="form-section">
          <h2 id="assessment-correction">Correcting the patient’s answers</h2>
          <TextField
            name="correctionReason"
            label="Reason for the correction"
            hint="The patient sent these answers from their link; their original values stay visible beside your correction."
            maxLength={500}
          />
        </section>
      )}
    </RecordForm>
  );
}

function AssessmentFields({ procedure, takenTimepoints }: { procedure: ProcedureRef; takenTimepoints: Timepoint[] }) {
  const { values } = useContext(FormContext);
  const initialTimepoint = useInitialValue("timepoint");
  const [assessedOn, setAssessedOn] = useState(useInitialValue("assessedOn"));
  const [timepoint, setTimepoint] = useState(initialTimepoint);
  // Once the user picks a timepoint themselves, a later date change no longer overrides it.
  const [chosenByUser, setChosenByUser] = useState(initialTimepoint !== "");
  const [odiMode, setOdiMode] = useState(values.odiMode === "sections" ? "sections" : "total");
  const [sections, setSections] = useState<string[]>(SECTION_NAMES.map((n) => (typeof values[n] === "string" ? (values[n] as string) : "")));

  const day = ISO.test(assessedOn) ? daysBetween(procedure.procedureDate, assessedOn) : null;
  const suggested = day === null ? null : timepointForDay(day);
  const taken = new Set(takenTimepoints);

  function onDateChange(value: string) {
    setAssessedOn(value);
    if (!chosenByUser && ISO.test(value)) setTimepoint(timepointForDay(daysBetween(procedure.procedureDate, value)));
  }

  // The chosen timepoint's window on this procedure's calendar, the same words the server's refusal uses.
  const chosen = TIMEPOINTS.includes(timepoint as Timepoint) && timepoint !== "unscheduled" ? (timepoint as Exclude<Timepoint, "unscheduled">) : null;
  const window = chosen ? timepointWindowDates(chosen, procedure.procedureDate) : null;
  const dateHint = window
    ? `The day the scores were taken. ${TIMEPOINT_LABELS[chosen!]} is ${displayDate(window.from)} – ${displayDate(window.to)} for this procedure.`
    : "The day the scores were taken";

  const timepointHint =
    day === null ? (
      "Enter the date first: the timepoint whose window contains it is suggested"
    ) : (
      <>
        {day < 0 ? `${-day} day${day === -1 ? "" : "s"} before` : day === 0 ? "The day of" : `Day ${day} after`} the procedure ({procedure.procedureDateText}):{" "}
        {suggested === "unscheduled" ? "outside every follow-up window, so " : ""}
        suggested <strong>{TIMEPOINT_LABELS[suggested!]}</strong>
        {suggested && taken.has(suggested) ? " (already recorded for this procedure)" : ""}
        {timepoint && suggested !== timepoint ? `; you chose ${TIMEPOINT_LABELS[timepoint as Timepoint] ?? timepoint}` : ""}
      </>
    );

  return (
    <>
      <HiddenField name="procedureId" />
      <section className="form-section">
        <h2 id="assessment-when">When</h2>
        <div className="form-grid">
          <DateField name="assessedOn" label="Assessment date" hint={dateHint} onValueChange={onDateChange} />
          <SelectField
            name="timepoint"
            label="Timepoint"
            hint={timepointHint}
            placeholder="Choose a timepoint…"
            value={timepoint}
            onValueChange={(v) => {
              setTimepoint(v);
              setChosenByUser(true);
            }}
            options={TIMEPOINTS.map((t) => ({
              value: t,
              label: `${TIMEPOINT_LABELS[t]}${t === "unscheduled" ? "" : ` (${windowText(t)})`}${taken.has(t) ? " – already recorded" : ""}`,
            }))}
          />
        </div>
        <CheckboxField
          name="outOfWindow"
          label="Outside the window, keep it"
          hint="Only for a date outside the timepoint's window that is right as it is (say why below). Such assessments are listed on the data-quality page and left out of the analyses unless included."
        />
        <TextAreaField
          name="outOfWindowReason"
          label="Reason for keeping it outside the window"
          optional
          hint="E.g. the patient could only come in late; required when the box above is ticked and the date is outside the window"
          maxLength={500}
          rows={2}
        />
      </section>

      <section className="form-section">
        <h2 id="assessment-pain">Pain</h2>
        <p className="muted small">Enter at least one score on this page. Leave a score empty if it was not taken.</p>
        <div className="form-grid">
          <NumberField name="nprsBack" label="NPRS back pain" optional hint="Whole number 0–10 (0 = no pain, 10 = worst imaginable)" suffix="/ 10" />
          <NumberField name="nprsLeg" label="NPRS leg pain" optional hint="Whole number 0–10 (0 = no pain, 10 = worst imaginable)" suffix="/ 10" />
        </div>
      </section>

      <section className="form-section">
        <h2 id="assessment-odi">Oswestry Disability Index</h2>
        <RadioGroup
          name="odiMode"
          label="Enter the ODI as"
          inline
          onValueChange={setOdiMode}
          options={[
            { value: "total", label: "Total score" },
            { value: "sections", label: "The 10 section answers" },
          ]}
        />
        {/* The inactive way is disabled, so it is neither submitted nor validated, but keeps what was typed. */}
        <fieldset className="plain" disabled={odiMode !== "total"} hidden={odiMode !== "total"}>
          <NumberField name="odi" label="ODI total" optional decimals hint="0–100 % (0 = no disability)" suffix="%" />
        </fieldset>
        <fieldset className="plain" disabled={odiMode !== "sections"} hidden={odiMode !== "sections"}>
          <Fieldset
            name="odiSections"
            label="ODI section answers"
            hint="Each section 0–5. One section may be left unanswered; the score is then out of the 9 answered."
          >
            <div className="odi-sections">
              {SECTION_NAMES.map((name, i) => (
                <SelectField
                  key={name}
                  name={name}
                  label={`${i + 1}. ${ODI_SECTION_LABELS[i]}`}
                  placeholder="Not answered"
                  options={SECTION_ANSWERS}
                  value={sections[i]}
                  onValueChange={(v) => setSections((s) => s.map((x, j) => (j === i ? v : x)))}
                />
              ))}
            </div>
          </Fieldset>
          <OdiLiveScore sections={sections} />
        </fieldset>
      </section>

      <section className="form-section">
        <h2 id="assessment-mobility">Mobility</h2>
        <div className="form-grid">
          <NumberField name="walkingMinutes" label="Walking tolerance" optional decimals hint="Minutes until symptoms force a stop, 0–1,440" suffix="min" />
          <NumberField name="standingMinutes" label="Standing tolerance" optional decimals hint="Minutes until symptoms force a stop, 0–1,440" suffix="min" />
        </div>
      </section>

      <section className="form-section">
        <h2 id="assessment-relief">Relief</h2>
        <DateField
          name="reliefOnsetDate"
          label="Relief onset reported by the patient"
          optional
          hint="The day the patient says symptoms eased; on or after the procedure and not after the assessment date"
        />
        <SelectField
          name="pgic"
          label="Patient’s global impression of change"
          optional
          placeholder="Not asked"
          options={PGIC_LABELS.map((label, i) => ({ value: String(i + 1), label: `${i + 1} · ${label}` }))}
        />
      </section>
    </>
  );
}

/** The ODI as it will be stored, recomputed with the same scoring as the server (lib/outcomes/odi.ts). */
function OdiLiveScore({ sections }: { sections: string[] }) {
  const answers = sections.map((s) => (s === "" ? null : Number(s)));
  const answered = answers.filter((a) => a !== null).length;
  let text: string;
  if (answered === 0) text = "No sections answered yet.";
  else if (answered < ODI_SECTIONS - 1) text = `${answered} of 10 sections answered: at least 9 are needed for a score.`;
  else {
    const score = scoreOdi(answers);
    text = `ODI ${score} % from ${answered} of 10 sections${answered === ODI_SECTIONS - 1 ? " (one unanswered, allowed)" : ""}.`;
  }
  return (
    <output className="odi-live" aria-live="polite">
      {text}
    </output>
  );
}

/**
 * The patient's questionnaire as plain HTML: a `<form method="post">` that works before (and without) any
 * JavaScript, one fieldset with its legend per question, large touch targets, the errors of a refused submit in
 * a summary announced to screen readers and beside each question (aria-describedby), the typed answers kept.
 * A server component: it ships no script of its own (the draft keeper is a separate tiny inline script).
 */
import type { InstrumentFile } from "@/lib/outcomes/instruments/instrumentSchema";
import type { QuestionnaireKind } from "@/lib/outcomes/instruments/questionnaire";
import { odiField, type QuestionnaireForm as Values } from "@/lib/validation/questionnaire";

type Props = {
  kind: QuestionnaireKind;
  words: InstrumentFile;
  action: string;
  values: Values;
  errors: Record<string, string>;
};

const errorId = (field: string) => `${field}-error`;

function FieldError({ field, errors }: { field: string; errors: Record<string, string> }) {
  return errors[field] ? (
    <p className="q-error" id={errorId(field)}>
      {errors[field]}
    </p>
  ) : null;
}

function Choices({
  name,
  legend,
  options,
  values,
  errors,
  hint,
  layout,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  values: Values;
  errors: Record<string, string>;
  hint?: React.ReactNode;
  layout: "scale" | "list";
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const describedBy = [hintId, errors[name] ? errorId(name) : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`q-question${errors[name] ? " q-invalid" : ""}`} id={`q-${name}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p className="q-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError field={name} errors={errors} />
      <div className={layout === "scale" ? "q-scale" : "q-list"}>
        {options.map((o) => (
          <label key={o.value} className="q-choice">
            <input type="radio" name={name} value={o.value} defaultChecked={values[name] === o.value} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Minutes({
  name,
  question,
  hint,
  unit,
  values,
  errors,
}: {
  name: string;
  question: string;
  hint?: string;
  unit: string;
  values: Values;
  errors: Record<string, string>;
}) {
  const describedBy = [hint ? `${name}-hint` : undefined, errors[name] ? errorId(name) : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`q-question${errors[name] ? " q-invalid" : ""}`} id={`q-${name}`}>
      <label htmlFor={name} className="q-label">
        {question}
      </label>
      {hint && (
        <p className="q-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      <FieldError field={name} errors={errors} />
      <span className="q-minutes">
        <input
          id={name}
          name={name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={values[name] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={errors[name] ? true : undefined}
        />{" "}
        {unit}
      </span>
    </div>
  );
}

const nrsOptions = Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));

export function QuestionnaireForm({ kind, words, action, values, errors }: Props) {
  const pain = (name: "nprsBack" | "nprsLeg", scale: InstrumentFile["nprsBack"]) => (
    <Choices
      name={name}
      legend={scale.question}
      options={nrsOptions}
      values={values}
      errors={errors}
      layout="scale"
      hint={
        <>
          0 = {scale.lowAnchor}, 10 = {scale.highAnchor}
        </>
      }
    />
  );
  const errorList = Object.entries(errors);
  return (
    <form method="post" action={action} className="q-form" id="q-form" noValidate>
      {errorList.length > 0 && (
        <div className="q-summary" role="alert" tabIndex={-1} id="q-summary">
          <h2>Please check {errorList.length === 1 ? "one answer" : `${errorList.length} answers`}</h2>
          <ul>
            {errorList.map(([field, message]) => (
              <li key={field}>
                <a href={`#q-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {pain("nprsBack", words.nprsBack)}
      {pain("nprsLeg", words.nprsLeg)}
      {kind === "follow_up" && (
        <section className="q-section" aria-labelledby="q-odi-title">
          <h2 id="q-odi-title">{words.odi.title}</h2>
          <p className="q-hint">{words.odi.instructions}</p>
          {words.odi.sections.map((s, i) => (
            <Choices
              key={s.id}
              name={odiField(i)}
              legend={s.title}
              options={s.answers.map((a, score) => ({ value: String(score), label: a }))}
              values={values}
              errors={errors}
              layout="list"
            />
          ))}
          {words.odi.notice && <p className="q-hint">{words.odi.notice}</p>}
        </section>
      )}
      {kind === "follow_up" && (
        <>
          <Minutes name="walkingMinutes" {...words.walkingTolerance} values={values} errors={errors} />
          <Minutes name="standingMinutes" {...words.standingTolerance} values={values} errors={errors} />
        </>
      )}
      <Choices
        name="pgic"
        legend={words.pgic.question}
        options={words.pgic.answers.map((a, i) => ({ value: String(i + 1), label: a }))}
        values={values}
        errors={errors}
        layout="list"
      />
      <button type="submit" className="q-submit">
        {words.page.submit}
      </button>
    </form>
  );
}

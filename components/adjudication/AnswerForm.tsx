"use client";

import { useActionState, useId, useRef } from "react";
import { ErrorSummary } from "@/components/forms/ErrorSummary";
import { TextAreaField } from "@/components/forms/Field";
import { refusalOf, useFocusOnAnswer } from "@/components/forms/formAnswer";
import { FormContext } from "@/components/forms/FormContext";
import { SubmitButton } from "@/components/forms/SubmitButton";
import type { FormAction } from "@/lib/validation/formData";

/** The physician's reply to a request for information, under the thread it answers. */
export function AnswerForm({ action, maxLength }: { action: FormAction; maxLength: number }) {
  const [state, formAction] = useActionState(action, null);
  const formId = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const formRef = useRef<HTMLFormElement>(null);
  const { values, errors, formError } = refusalOf(state, {});
  useFocusOnAnswer(formRef, state);

  if (state?.ok) {
    return (
      <p className="adj-success" role="status">
        {state.message}
      </p>
    );
  }
  return (
    <FormContext.Provider value={{ formId, values, errors }}>
      <form
        key={state?.attempt ?? 0}
        ref={formRef}
        action={formAction}
        className="form record-form adj-answer-form"
        aria-label="Answer the request for information"
        noValidate
      >
        <ErrorSummary formId={formId} formError={formError} fieldErrors={errors} />
        <TextAreaField
          name="answer"
          label="Your answer"
          hint={`What the quality officer asked for; up to ${maxLength.toLocaleString("en-GB")} characters.`}
          maxLength={maxLength}
          rows={4}
        />
        <div className="form-actions">
          <SubmitButton>Send answer</SubmitButton>
        </div>
      </form>
    </FormContext.Provider>
  );
}

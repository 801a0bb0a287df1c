"use client";

import Link from "next/link";
import { useActionState, useId, useRef, type ReactNode } from "react";
import type { FormAction, FormValues } from "@/lib/validation/formData";
import { ErrorSummary } from "./ErrorSummary";
import { refusalOf, useFocusOnAnswer } from "./formAnswer";
import { FormContext } from "./FormContext";
import { SubmitButton } from "./SubmitButton";

/**
 * The frame of every record form: runs the server action with useActionState, shows the error summary at the
 * top, gives each field its typed value and errors through context, and moves focus to the first error.
 * The form remounts on each refused submission (keyed by the attempt), so every input, including client-side
 * state such as the ODI mode, starts again from what was submitted rather than from what was stored.
 */
export function RecordForm({
  action,
  initialValues,
  submitLabel,
  cancelHref,
  children,
  label,
}: {
  action: FormAction;
  initialValues: FormValues;
  submitLabel: string;
  cancelHref: string;
  children: ReactNode;
  /** Accessible name of the form, e.g. "Patient". */
  label: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const formId = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const formRef = useRef<HTMLFormElement>(null);
  const { values, errors, formError } = refusalOf(state, initialValues);
  useFocusOnAnswer(formRef, state);

  return (
    <FormContext.Provider value={{ formId, values, errors }}>
      <form key={state?.attempt ?? 0} ref={formRef} action={formAction} className="form record-form" aria-label={`${label} form`} noValidate>
        <ErrorSummary formId={formId} formError={formError} fieldErrors={errors} />
        {children}
        <div className="form-actions">
          <SubmitButton>{submitLabel}</SubmitButton>
          <Link href={cancelHref} className="button secondary">
            Cancel
          </Link>
        </div>
      </form>
    </FormContext.Provider>
  );
}

"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import type { FormState, FormValues } from "@/lib/validation/formData";
import { ErrorSummary } from "./ErrorSummary";
import { FormContext } from "./FormContext";
import { SubmitButton } from "./SubmitButton";

export type RecordFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

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
  action: RecordFormAction;
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
  const values = state?.values ?? initialValues;
  const errors = state?.fieldErrors ?? {};

  useEffect(() => {
    if (!state || !formRef.current) return;
    const form = formRef.current;
    const firstWithError = form.querySelector<HTMLElement>(".has-error");
    // The field's own control (for a group, its first choice); the summary when only the form as a whole was refused.
    const target =
      firstWithError?.querySelector<HTMLElement>('[aria-invalid="true"], input:not([type="hidden"]), select, textarea') ??
      firstWithError ??
      form.querySelector<HTMLElement>(".error-summary");
    target?.focus();
  }, [state]);

  return (
    <FormContext.Provider value={{ formId, values, errors }}>
      <form key={state?.attempt ?? 0} ref={formRef} action={formAction} className="form record-form" aria-label={`${label} form`} noValidate>
        <ErrorSummary formId={formId} formError={state?.formError} fieldErrors={errors} />
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

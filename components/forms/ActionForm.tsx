"use client";

import { useActionState, useRef, type ReactNode } from "react";
import type { FormAction, FormState, FormValues } from "@/lib/validation/formData";
import { ErrorSummary } from "./ErrorSummary";
import { refusalOf, useFocusOnAnswer } from "./formAnswer";
import { FormContext } from "./FormContext";

/**
 * A form whose save keeps the person on the page (admin and account settings): the same kit as the record
 * forms (fields, error summary, focus on the first error), plus a status line when the save went through. It
 * re-mounts on every answer so the fields take the returned values as defaults (React's reset would otherwise
 * put a <select> back to its first default).
 */
type FrameProps = {
  id: string;
  initialValues?: FormValues;
  submitLabel: string;
  pendingLabel: string;
  submitClassName?: string;
  extraButtons?: ReactNode;
  className?: string;
  children: ReactNode;
};

export function ActionForm({ action, ...frame }: FrameProps & { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  return <ActionFormFrame {...frame} state={state} formAction={formAction} pending={pending} />;
}

/** The frame alone, for a component that keeps the action's state itself (a confirmation step around the form). */
export function ActionFormFrame({
  id,
  state,
  formAction,
  pending,
  initialValues = {},
  submitLabel,
  pendingLabel,
  submitClassName = "button primary",
  extraButtons,
  className,
  children,
}: FrameProps & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { values, errors, formError } = refusalOf(state, initialValues);
  useFocusOnAnswer(formRef, state);

  return (
    <FormContext.Provider value={{ formId: id, values, errors }}>
      <form key={state?.attempt ?? 0} ref={formRef} id={id} action={formAction} className={`form admin-form${className ? ` ${className}` : ""}`} noValidate>
        <ErrorSummary formId={id} formError={formError} fieldErrors={errors} />
        {state?.ok && (
          <p className="form-success admin-success" role="status" tabIndex={-1}>
            {state.message}
          </p>
        )}
        {children}
        <div className="admin-form-buttons">
          <button type="submit" className={submitClassName} disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
          {extraButtons}
        </div>
      </form>
    </FormContext.Provider>
  );
}

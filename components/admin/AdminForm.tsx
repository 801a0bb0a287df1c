"use client";

import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import type { ActionState } from "./actionState";

type FormContext = { formId: string; state: ActionState };
const AdminFormContext = createContext<FormContext>({ formId: "form", state: null });

/**
 * A form wired to a server action through `useActionState`: a summary of what needs attention at the top
 * (inside the form, so alert queries can be scoped to it), focus moved to the first field in error, a
 * status line on success. It re-mounts on every answer so the fields take the returned values as defaults
 * (React's reset would otherwise put a <select> back to its first default).
 */
export function AdminForm({
  id,
  action,
  state,
  pending,
  submitLabel,
  pendingLabel,
  submitClassName = "button primary",
  extraButtons,
  className,
  children,
}: {
  id: string;
  action: (formData: FormData) => void;
  state: ActionState;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  submitClassName?: string;
  extraButtons?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      statusRef.current?.focus();
      return;
    }
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? summaryRef.current)?.focus();
  }, [state]);

  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors).filter((e): e is [string, string[]] => Boolean(e[1]?.length)) : [];

  return (
    <AdminFormContext.Provider value={{ formId: id, state }}>
      <form
        key={state?.submission ?? "initial"}
        ref={formRef}
        id={id}
        action={action}
        className={`form admin-form${className ? ` ${className}` : ""}`}
        noValidate
      >
        {state && !state.ok && (
          <div className="form-error admin-error-summary" role="alert" tabIndex={-1} ref={summaryRef} id={`${id}-summary`}>
            <p className="admin-error-title">{state.message}</p>
            {fieldErrors.length > 0 && (
              <ul>
                {fieldErrors.map(([field, messages]) => (
                  <li key={field}>
                    <a href={`#${id}-${field}`}>{messages[0]}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {state?.ok && (
          <p className="admin-success" role="status" tabIndex={-1} ref={statusRef}>
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
    </AdminFormContext.Provider>
  );
}

export type ControlProps = {
  id: string;
  name: string;
  defaultValue?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/**
 * A labelled control with its hint and its error beside it. The control is rendered by `children`, which
 * receives the id, name, default value and ARIA wiring to spread onto it.
 */
export function Field({
  name,
  label,
  hint,
  defaultValue,
  keepValue = true,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  defaultValue?: string;
  /** false for passwords: a refused form never shows them again */
  keepValue?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const { formId, state } = useContext(AdminFormContext);
  const controlId = `${formId}-${name}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errors = state && !state.ok ? state.fieldErrors[name] : undefined;
  const errorId = errors?.length ? `${controlId}-error` : undefined;
  const returned = state && !state.ok && keepValue ? state.values[name] : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errorId ? " has-error" : ""}`}>
      <label htmlFor={controlId}>{label}</label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors!.join(" ")}
        </p>
      )}
      {children({
        id: controlId,
        name,
        defaultValue: keepValue ? (returned ?? defaultValue) : undefined,
        "aria-describedby": describedBy,
        "aria-invalid": errorId ? true : undefined,
      })}
    </div>
  );
}

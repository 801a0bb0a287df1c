"use client";

import { useEffect, type RefObject } from "react";
import type { FormState, FormValues } from "@/lib/validation/formData";

/** What a refused answer puts back into the form: the typed values, the field errors and the form-level refusal. */
export function refusalOf(state: FormState, initialValues: FormValues) {
  const refused = state && !state.ok ? state : null;
  return { values: refused?.values ?? initialValues, errors: refused?.fieldErrors ?? {}, formError: refused?.formError };
}

/**
 * After each answer, focus goes where the person needs to look: the first field in error (its own control; for
 * a group, its first choice), else the error summary, else (on success) the status line.
 */
export function useFocusOnAnswer(formRef: RefObject<HTMLFormElement | null>, state: FormState) {
  useEffect(() => {
    const form = formRef.current;
    if (!state || !form) return;
    if (state.ok) {
      form.querySelector<HTMLElement>(".form-success")?.focus();
      return;
    }
    const firstWithError = form.querySelector<HTMLElement>(".has-error");
    const target =
      firstWithError?.querySelector<HTMLElement>('[aria-invalid="true"], input:not([type="hidden"]), select, textarea') ??
      firstWithError ??
      form.querySelector<HTMLElement>(".error-summary");
    target?.focus();
  }, [formRef, state]);
}

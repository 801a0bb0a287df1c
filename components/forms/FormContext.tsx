"use client";

import { createContext, useContext } from "react";
import type { FormValues } from "@/lib/validation/formData";

type FormContextValue = { formId: string; values: FormValues; errors: Record<string, string[]> };

export const FormContext = createContext<FormContextValue>({ formId: "form", values: {}, errors: {} });

/** Ids are derived from the form's id and the field name, so the error summary can link to any field. */
export const fieldId = (formId: string, name: string) => `${formId}-${name}`;

/** Everything a field needs from its form: its ids, its current (typed or stored) value and its errors. */
export function useField(name: string) {
  const { formId, values, errors } = useContext(FormContext);
  const id = fieldId(formId, name);
  const raw = values[name];
  return {
    id,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
    errors: errors[name] ?? [],
    value: typeof raw === "string" ? raw : "",
    list: Array.isArray(raw) ? raw : typeof raw === "string" && raw !== "" ? [raw] : [],
  };
}

/** The value a field started with (typed or stored), for client logic that needs it before any change. */
export function useInitialValue(name: string): string {
  const { values } = useContext(FormContext);
  const raw = values[name];
  return typeof raw === "string" ? raw : "";
}

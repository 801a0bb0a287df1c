"use client";

import type { MouseEvent } from "react";
import { fieldId } from "./FormContext";

/**
 * The summary at the top of a refused form: the form-level refusal, then every field message as a link that
 * moves focus to its field. role="alert" announces it once, when it appears after a submission.
 */
export function ErrorSummary({ formId, formError, fieldErrors }: { formId: string; formError?: string; fieldErrors: Record<string, string[]> }) {
  const entries = Object.entries(fieldErrors).flatMap(([name, messages]) => messages.map((message) => ({ name, message })));
  if (!formError && entries.length === 0) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
    const id = fieldId(formId, name);
    const target = document.getElementById(id) ?? document.getElementById(`${id}-group`);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  }

  return (
    <div id={`${formId}-summary`} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${formId}-summary-title`}>
      <h2 id={`${formId}-summary-title`}>
        {entries.length > 0
          ? entries.length === 1
            ? "There is a problem with 1 field"
            : `There are problems with ${entries.length} fields`
          : "This could not be saved"}
      </h2>
      {formError && <p className="form-error">{formError}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(({ name, message }) => (
            <li key={`${name}:${message}`}>
              {name === "_form" ? (
                message
              ) : (
                <a href={`#${fieldId(formId, name)}`} onClick={(e) => focusField(e, name)}>
                  {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && <p className="muted small">Nothing was saved. Everything you typed is still here.</p>}
    </div>
  );
}

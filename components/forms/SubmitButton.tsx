"use client";

import { useFormStatus } from "react-dom";

/** The form's one primary button; its name stays the same while saving so it can always be found by it. */
export function SubmitButton({ children }: { children: string }) {
  const { pending } = useFormStatus();
  return (
    <>
      <button type="submit" className="button primary" disabled={pending} aria-disabled={pending || undefined}>
        {children}
      </button>
      <span className="muted small" role="status" aria-live="polite">
        {pending ? "Saving…" : ""}
      </span>
    </>
  );
}

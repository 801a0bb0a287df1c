"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { ActionFormFrame } from "@/components/forms/ActionForm";
import type { FormAction } from "@/lib/validation/formData";

/** Enable at once; disable only after a confirmation step, since it locks the person out immediately. */
export function UserStatusForm({ action, user, isSelf }: { action: FormAction; user: { id: number; name: string; disabled: boolean }; isSelf: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  // The confirmation belongs to one answer of the action: any new answer (done or refused) closes it.
  const currentAnswer = String(state?.attempt ?? 0);
  const [askedAt, setAskedAt] = useState<string | null>(null);
  const confirming = askedAt === currentAnswer;
  const questionRef = useRef<HTMLParagraphElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    // Move focus with the step, so keyboard and screen-reader users land on the question, and back on cancel.
    if (confirming) questionRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (isSelf) return <p className="muted small">You cannot disable your own account; another administrator can.</p>;

  if (user.disabled) {
    return (
      <ActionFormFrame id={`status-${user.id}`} formAction={formAction} state={state} pending={pending} submitLabel="Enable account" pendingLabel="Enabling…">
        <input type="hidden" name="id" value={String(user.id)} />
        <input type="hidden" name="disabled" value="false" />
        <p className="muted small">{user.name} cannot sign in. Enabling lets them sign in again with their current password.</p>
      </ActionFormFrame>
    );
  }

  if (!confirming) {
    return (
      <div className="form admin-form">
        {state?.ok && (
          <p className="admin-success" role="status">
            {state.message}
          </p>
        )}
        {state && !state.ok && (
          <p className="form-error" role="alert">
            {state.formError ?? Object.values(state.fieldErrors).flat().join(" ")}
          </p>
        )}
        <p className="muted small">Disabling signs {user.name} out at once and stops them signing in. Their records stay.</p>
        <div className="admin-form-buttons">
          <button type="button" ref={askRef} className="button danger" onClick={() => setAskedAt(currentAnswer)}>
            Disable account…
          </button>
        </div>
      </div>
    );
  }

  return (
    <ActionFormFrame
      id={`status-${user.id}`}
      formAction={formAction}
      state={state}
      pending={pending}
      submitLabel={`Yes, disable ${user.name}`}
      pendingLabel="Disabling…"
      submitClassName="button danger"
      extraButtons={
        <button type="button" className="button secondary" onClick={() => setAskedAt(null)} disabled={pending}>
          Cancel
        </button>
      }
    >
      <input type="hidden" name="id" value={String(user.id)} />
      <input type="hidden" name="disabled" value="true" />
      <p className="admin-confirm" tabIndex={-1} ref={questionRef}>
        Disable {user.name}? They are signed out at once and cannot sign in until an administrator enables the account again.
      </p>
    </ActionFormFrame>
  );
}

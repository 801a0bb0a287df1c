"use client";

import { useActionState } from "react";
import { AdminForm, Field } from "@/components/admin/AdminForm";
import type { AdminAction } from "@/components/admin/actionState";

// The forms of the account security page, each wired to one server action (app/(app)/account/security/actions.ts).

const codeInput = (c: object) => <input {...c} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />;

export function StartTotpForm({ action }: { action: AdminAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm id="totp-start" action={formAction} state={state} pending={pending} submitLabel="Set up two-step sign-in" pendingLabel="Preparing…">
      <p className="muted small">
        You will need an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password or FreeOTP).
      </p>
    </AdminForm>
  );
}

export function ConfirmTotpForm({ action, cancel }: { action: AdminAction; cancel: AdminAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [cancelState, cancelAction, cancelling] = useActionState(cancel, null);
  return (
    <>
      <AdminForm id="totp-confirm" action={formAction} state={state} pending={pending} submitLabel="Turn on two-step sign-in" pendingLabel="Checking…">
        <Field name="code" label="Code from your authenticator app" hint="6 digits; a new one every 30 seconds." keepValue={false}>
          {codeInput}
        </Field>
      </AdminForm>
      <AdminForm
        id="totp-cancel"
        action={cancelAction}
        state={cancelState}
        pending={cancelling}
        submitLabel="Cancel set-up"
        pendingLabel="Cancelling…"
        submitClassName="button subtle"
      >
        <></>
      </AdminForm>
    </>
  );
}

export function DisableTotpForm({ action }: { action: AdminAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm
      id="totp-disable"
      action={formAction}
      state={state}
      pending={pending}
      submitLabel="Turn off two-step sign-in"
      pendingLabel="Turning off…"
      submitClassName="button secondary"
    >
      <p className="muted small">To turn it off, confirm it is you: your password and a current code.</p>
      <Field name="password" label="Password" keepValue={false}>
        {(c) => <input {...c} type="password" autoComplete="current-password" required />}
      </Field>
      <Field name="code" label="Code from your authenticator app" keepValue={false}>
        {codeInput}
      </Field>
    </AdminForm>
  );
}

export function SignOutOtherSessionsForm({ action, others }: { action: AdminAction; others: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm
      id="sign-out-others"
      action={formAction}
      state={state}
      pending={pending}
      submitLabel="Sign out all other sessions"
      pendingLabel="Signing out…"
      submitClassName="button secondary"
    >
      <p className="muted small">
        {others === 0
          ? "No other session is open."
          : `${others} other ${others === 1 ? "session is" : "sessions are"} open. If one is not yours, sign them out and change your password.`}
      </p>
    </AdminForm>
  );
}

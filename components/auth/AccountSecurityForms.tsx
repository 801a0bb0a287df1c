"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";

// The forms of the account security page, each wired to one server action (app/(app)/account/security/actions.ts).

function CodeField({ hint }: { hint?: string }) {
  return (
    <TextField name="code" label="Code from your authenticator app" hint={hint} inputMode="numeric" autoComplete="one-time-code" maxLength={7} size="short" />
  );
}

export function StartTotpForm({ action }: { action: FormAction }) {
  return (
    <ActionForm id="totp-start" action={action} submitLabel="Set up two-step sign-in" pendingLabel="Preparing…">
      <p className="muted small">
        You will need an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password or FreeOTP).
      </p>
    </ActionForm>
  );
}

export function ConfirmTotpForm({ action, cancel }: { action: FormAction; cancel: FormAction }) {
  return (
    <>
      <ActionForm id="totp-confirm" action={action} submitLabel="Turn on two-step sign-in" pendingLabel="Checking…">
        <CodeField hint="6 digits; a new one every 30 seconds." />
      </ActionForm>
      <ActionForm id="totp-cancel" action={cancel} submitLabel="Cancel set-up" pendingLabel="Cancelling…" submitClassName="button subtle">
        <></>
      </ActionForm>
    </>
  );
}

export function DisableTotpForm({ action }: { action: FormAction }) {
  return (
    <ActionForm id="totp-disable" action={action} submitLabel="Turn off two-step sign-in" pendingLabel="Turning off…" submitClassName="button secondary">
      <p className="muted small">To turn it off, confirm it is you: your password and a current code.</p>
      <TextField name="password" type="password" label="Password" autoComplete="current-password" />
      <CodeField />
    </ActionForm>
  );
}

export function SignOutOtherSessionsForm({ action, others }: { action: FormAction; others: number }) {
  return (
    <ActionForm id="sign-out-others" action={action} submitLabel="Sign out all other sessions" pendingLabel="Signing out…" submitClassName="button secondary">
      <p className="muted small">
        {others === 0
          ? "No other session is open."
          : `${others} other ${others === 1 ? "session is" : "sessions are"} open. If one is not yours, sign them out and change your password.`}
      </p>
    </ActionForm>
  );
}

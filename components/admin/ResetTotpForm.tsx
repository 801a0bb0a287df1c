"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm } from "./AdminForm";

/** For a lost phone: removes the person's authenticator so they can sign in with the password and enrol again. */
export function ResetTotpForm({ action, user }: { action: AdminAction; user: { id: number; name: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm
      id={`reset-totp-${user.id}`}
      action={formAction}
      state={state}
      pending={pending}
      submitLabel="Remove two-step sign-in"
      pendingLabel="Removing…"
      submitClassName="button secondary"
    >
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        {user.name} uses an authenticator app. If they lost it, remove it here: every session of theirs ends and they sign in with the password, then set it up
        again.
      </p>
    </AdminForm>
  );
}

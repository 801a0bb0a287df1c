"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm } from "./AdminForm";
import { NewPasswordFields } from "./UserFields";

export function ResetPasswordForm({
  action,
  user,
  isSelf,
  passwordHint,
}: {
  action: AdminAction;
  user: { id: number; name: string };
  isSelf: boolean;
  passwordHint: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm id={`reset-password-${user.id}`} action={formAction} state={state} pending={pending} submitLabel="Set new password" pendingLabel="Setting…">
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        {isSelf
          ? "This signs you out everywhere, including here; sign in again with the new password."
          : `${user.name} is signed out everywhere and signs in with the new password.`}
      </p>
      <NewPasswordFields hint={passwordHint} />
    </AdminForm>
  );
}

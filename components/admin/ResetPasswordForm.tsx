"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/lib/validation/formData";
import { NewPasswordFields } from "./UserFields";

export function ResetPasswordForm({
  action,
  user,
  isSelf,
  passwordHint,
}: {
  action: FormAction;
  user: { id: number; name: string };
  isSelf: boolean;
  passwordHint: string;
}) {
  return (
    <ActionForm id={`reset-password-${user.id}`} action={action} submitLabel="Set new password" pendingLabel="Setting…">
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        {isSelf
          ? "This signs you out everywhere, including here; sign in again with the new password."
          : `${user.name} is signed out everywhere and signs in with the new password.`}
      </p>
      <NewPasswordFields hint={passwordHint} />
    </ActionForm>
  );
}

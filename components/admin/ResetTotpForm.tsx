"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/lib/validation/formData";

/** For a lost phone: removes the person's authenticator so they can sign in with the password and enrol again. */
export function ResetTotpForm({ action, user }: { action: FormAction; user: { id: number; name: string } }) {
  return (
    <ActionForm id={`reset-totp-${user.id}`} action={action} submitLabel="Remove two-step sign-in" pendingLabel="Removing…" submitClassName="button secondary">
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        {user.name} uses an authenticator app. If they lost it, remove it here: every session of theirs ends and they sign in with the password, then set it up
        again.
      </p>
    </ActionForm>
  );
}

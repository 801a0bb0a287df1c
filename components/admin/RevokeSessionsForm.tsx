"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import type { FormAction } from "@/lib/validation/formData";

export function RevokeSessionsForm({ action, user, isSelf }: { action: FormAction; user: { id: number; name: string }; isSelf: boolean }) {
  return (
    <ActionForm
      id={`revoke-sessions-${user.id}`}
      action={action}
      submitLabel={isSelf ? "Sign me out everywhere" : "Sign out everywhere"}
      pendingLabel="Signing out…"
      submitClassName="button secondary"
    >
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        For a lost or shared device: ends every open session of {isSelf ? "yours, including this one" : user.name}. The password stays the same.
      </p>
    </ActionForm>
  );
}

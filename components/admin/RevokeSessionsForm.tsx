"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm } from "./AdminForm";

export function RevokeSessionsForm({ action, user, isSelf }: { action: AdminAction; user: { id: number; name: string }; isSelf: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm
      id={`revoke-sessions-${user.id}`}
      action={formAction}
      state={state}
      pending={pending}
      submitLabel={isSelf ? "Sign me out everywhere" : "Sign out everywhere"}
      pendingLabel="Signing out…"
      submitClassName="button secondary"
    >
      <input type="hidden" name="id" value={String(user.id)} />
      <p className="muted small">
        For a lost or shared device: ends every open session of {isSelf ? "yours, including this one" : user.name}. The password stays the same.
      </p>
    </AdminForm>
  );
}

"use client";

import { useActionState } from "react";
import { ROLE_LABELS } from "@/lib/labels";
import type { AdminAction } from "./actionState";
import { AdminForm } from "./AdminForm";
import { NameField, RoleField, SiteField, type SiteOption } from "./UserFields";

type EditableUser = { id: number; name: string; role: keyof typeof ROLE_LABELS; siteId: number | null };

export function EditUserForm({ action, user, sites, isSelf }: { action: AdminAction; user: EditableUser; sites: SiteOption[]; isSelf: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm id={`edit-user-${user.id}`} action={formAction} state={state} pending={pending} submitLabel="Save changes" pendingLabel="Saving…">
      <input type="hidden" name="id" value={String(user.id)} />
      <NameField defaultValue={user.name} />
      {isSelf ? (
        // An admin cannot remove their own admin role (the data layer refuses it too), so the role is fixed here.
        <div className="field">
          <span>Role</span>
          <input type="hidden" name="role" value={user.role} />
          <p className="field-hint">{ROLE_LABELS[user.role]} — your own role can only be changed by another administrator.</p>
        </div>
      ) : (
        <RoleField defaultValue={user.role} extraHint="Changing the role signs the person out of every session." />
      )}
      <SiteField sites={sites} defaultValue={user.siteId === null ? "" : String(user.siteId)} />
    </AdminForm>
  );
}

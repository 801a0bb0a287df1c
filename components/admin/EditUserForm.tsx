"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { ROLE_LABELS } from "@/lib/labels";
import type { FormAction } from "@/lib/validation/formData";
import { CoordinatorSitesField, NameField, RoleField, SiteField, type SiteOption } from "./UserFields";

type EditableUser = { id: number; name: string; role: keyof typeof ROLE_LABELS; siteId: number | null; coordinatorSiteIds: number[] };

export function EditUserForm({ action, user, sites, isSelf }: { action: FormAction; user: EditableUser; sites: SiteOption[]; isSelf: boolean }) {
  const initialValues = {
    name: user.name,
    role: user.role,
    siteId: user.siteId === null ? "" : String(user.siteId),
    coordinatorSiteIds: user.coordinatorSiteIds.map(String),
  };
  return (
    <ActionForm id={`edit-user-${user.id}`} action={action} initialValues={initialValues} submitLabel="Save changes" pendingLabel="Saving…">
      <input type="hidden" name="id" value={String(user.id)} />
      <NameField />
      {isSelf ? (
        // An admin cannot remove their own admin role (the data layer refuses it too), so the role is fixed here.
        <div className="field">
          <span>Role</span>
          <input type="hidden" name="role" value={user.role} />
          <p className="field-hint">{ROLE_LABELS[user.role]} — your own role can only be changed by another administrator.</p>
        </div>
      ) : (
        <RoleField extraHint="Changing the role signs the person out of every session." />
      )}
      <SiteField sites={sites} />
      <CoordinatorSitesField sites={sites} />
    </ActionForm>
  );
}

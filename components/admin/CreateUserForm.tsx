"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";
import { CoordinatorSitesField, NameField, NewPasswordFields, RoleField, SiteField, type SiteOption } from "./UserFields";

export function CreateUserForm({ action, sites, passwordHint }: { action: FormAction; sites: SiteOption[]; passwordHint: string }) {
  return (
    <ActionForm
      id="create-user"
      action={action}
      initialValues={{ role: "physician" }}
      submitLabel="Create account"
      pendingLabel="Creating…"
      className="admin-grid"
    >
      <NameField />
      <TextField name="email" type="email" label="Email" hint="Their sign-in name; it cannot be changed later." spellCheck={false} />
      <RoleField />
      <SiteField sites={sites} />
      <CoordinatorSitesField sites={sites} />
      <NewPasswordFields hint={passwordHint} />
    </ActionForm>
  );
}

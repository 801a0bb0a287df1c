"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm, Field } from "./AdminForm";
import { NameField, NewPasswordFields, RoleField, SiteField, type SiteOption } from "./UserFields";

export function CreateUserForm({ action, sites, passwordHint }: { action: AdminAction; sites: SiteOption[]; passwordHint: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm
      id="create-user"
      action={formAction}
      state={state}
      pending={pending}
      submitLabel="Create account"
      pendingLabel="Creating…"
      className="admin-grid"
    >
      <NameField />
      <Field name="email" label="Email" hint="Their sign-in name; it cannot be changed later.">
        {(p) => <input {...p} type="email" autoComplete="off" spellCheck={false} />}
      </Field>
      <RoleField />
      <SiteField sites={sites} />
      <NewPasswordFields hint={passwordHint} />
    </AdminForm>
  );
}

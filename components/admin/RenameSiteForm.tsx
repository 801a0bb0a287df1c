"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm, Field } from "./AdminForm";

export function RenameSiteForm({ action, site }: { action: AdminAction; site: { id: number; code: string; name: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm id={`rename-site-${site.id}`} action={formAction} state={state} pending={pending} submitLabel="Save name" pendingLabel="Saving…">
      <input type="hidden" name="id" value={String(site.id)} />
      <Field name="name" label={`New name for ${site.code}`} hint="The code stays the same." defaultValue={site.name}>
        {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} />}
      </Field>
    </AdminForm>
  );
}

"use client";

import { useActionState } from "react";
import type { AdminAction } from "./actionState";
import { AdminForm, Field } from "./AdminForm";

export function CreateSiteForm({ action }: { action: AdminAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AdminForm id="create-site" action={formAction} state={state} pending={pending} submitLabel="Add site" pendingLabel="Adding…" className="admin-grid">
      <Field name="code" label="Code" hint="Short, e.g. NVS: letters, digits, - and _, up to 16. Exports and imports use it, so it cannot be changed later.">
        {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} maxLength={16} className="admin-code-input" />}
      </Field>
      <Field name="name" label="Name" hint="As patients and staff know it, e.g. North Valley Spine Center">
        {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} />}
      </Field>
    </AdminForm>
  );
}

"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";

export function CreateSiteForm({ action }: { action: FormAction }) {
  return (
    <ActionForm id="create-site" action={action} submitLabel="Add site" pendingLabel="Adding…" className="admin-grid">
      <TextField
        name="code"
        label="Code"
        hint="Short, e.g. NVS: letters, digits, - and _, up to 16. Exports and imports use it, so it cannot be changed later."
        spellCheck={false}
        maxLength={16}
        size="short"
      />
      <TextField name="name" label="Name" hint="As patients and staff know it, e.g. North Valley Spine Center" maxLength={200} />
    </ActionForm>
  );
}

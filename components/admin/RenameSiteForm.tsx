"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";

export function RenameSiteForm({ action, site }: { action: FormAction; site: { id: number; code: string; name: string } }) {
  return (
    <ActionForm id={`rename-site-${site.id}`} action={action} initialValues={{ name: site.name }} submitLabel="Save name" pendingLabel="Saving…">
      <input type="hidden" name="id" value={String(site.id)} />
      <TextField name="name" label={`New name for ${site.code}`} hint="The code stays the same." maxLength={200} />
    </ActionForm>
  );
}

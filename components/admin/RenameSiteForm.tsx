"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";
import { TIME_ZONE_HINT } from "./CreateSiteForm";

/** A site's name and time zone; its code stays. */
export function RenameSiteForm({ action, site }: { action: FormAction; site: { id: number; code: string; name: string; timeZone: string } }) {
  return (
    <ActionForm
      id={`rename-site-${site.id}`}
      action={action}
      initialValues={{ name: site.name, timeZone: site.timeZone }}
      submitLabel="Save site"
      pendingLabel="Saving…"
    >
      <input type="hidden" name="id" value={String(site.id)} />
      <TextField name="name" label={`Name of ${site.code}`} hint="The code stays the same." maxLength={200} />
      <TextField name="timeZone" label="Time zone" hint={TIME_ZONE_HINT} spellCheck={false} maxLength={64} />
    </ActionForm>
  );
}

"use client";

import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/Field";
import type { FormAction } from "@/lib/validation/formData";

export const TIME_ZONE_HINT = "The clinic's IANA time zone, e.g. Europe/Berlin or America/Chicago: its “today” decides future dates and follow-up windows.";

export function CreateSiteForm({ action, defaultTimeZone }: { action: FormAction; defaultTimeZone: string }) {
  return (
    <ActionForm
      id="create-site"
      action={action}
      initialValues={{ timeZone: defaultTimeZone }}
      submitLabel="Add site"
      pendingLabel="Adding…"
      className="admin-grid"
    >
      <TextField
        name="code"
        label="Code"
        hint="Short, e.g. NVS: letters, digits, - and _, up to 16. Exports and imports use it, so it cannot be changed later."
        spellCheck={false}
        maxLength={16}
        size="short"
      />
      <TextField name="name" label="Name" hint="As patients and staff know it, e.g. North Valley Spine Center" maxLength={200} />
      <TextField name="timeZone" label="Time zone" hint={TIME_ZONE_HINT} spellCheck={false} maxLength={64} />
    </ActionForm>
  );
}

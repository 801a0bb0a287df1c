"use client";

import { ROLES } from "@/db/enums";
import { ROLE_LABELS } from "@/lib/labels";
import { Field } from "./AdminForm";

export type SiteOption = { id: number; code: string; name: string };

const ROLE_HINT =
  "Physicians see their own procedures and outcomes; quality officers see every physician, adjudicate complications and read the audit log; administrators manage users and sites.";

export function NameField({ defaultValue }: { defaultValue?: string }) {
  return (
    <Field name="name" label="Full name" hint="As colleagues know them, e.g. Dr Ana Ruiz" defaultValue={defaultValue}>
      {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} />}
    </Field>
  );
}

export function RoleField({ defaultValue, extraHint }: { defaultValue?: string; extraHint?: string }) {
  return (
    <Field name="role" label="Role" hint={extraHint ? `${ROLE_HINT} ${extraHint}` : ROLE_HINT} defaultValue={defaultValue ?? "physician"}>
      {(p) => (
        <select {...p}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function SiteField({ sites, defaultValue }: { sites: SiteOption[]; defaultValue?: string }) {
  return (
    <Field name="siteId" label="Site" hint="Where the person usually works; optional." defaultValue={defaultValue ?? ""}>
      {(p) => (
        <select {...p}>
          <option value="">No site</option>
          {sites.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name} ({s.code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function NewPasswordFields({ hint }: { hint: string }) {
  return (
    <>
      <Field name="password" label="Password" hint={hint} keepValue={false}>
        {(p) => <input {...p} type="password" autoComplete="new-password" />}
      </Field>
      <Field name="confirmPassword" label="Password again" hint="Type it once more to rule out a typo." keepValue={false}>
        {(p) => <input {...p} type="password" autoComplete="new-password" />}
      </Field>
    </>
  );
}

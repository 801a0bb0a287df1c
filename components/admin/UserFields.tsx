"use client";

import { SelectField, TextField } from "@/components/forms/Field";
import { CheckboxGroup } from "@/components/forms/ChoiceFields";
import { ROLES } from "@/db/enums";
import { labelledOptions, ROLE_LABELS } from "@/lib/labels";

export type SiteOption = { id: number; code: string; name: string };

/** A site as both site fields offer it: its name and code. */
const siteOptions = (sites: SiteOption[]) => sites.map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }));

const ROLE_HINT =
  "Physicians see their own procedures and outcomes; coordinators enter records at their sites on behalf of those sites' physicians and work the follow-up worklist; quality officers see every physician, adjudicate complications and read the audit log; administrators manage users and sites.";

export function NameField() {
  return <TextField name="name" label="Full name" hint="As colleagues know them, e.g. Dr Ana Ruiz" maxLength={200} />;
}

export function RoleField({ extraHint }: { extraHint?: string }) {
  return <SelectField name="role" label="Role" hint={extraHint ? `${ROLE_HINT} ${extraHint}` : ROLE_HINT} options={labelledOptions(ROLES, ROLE_LABELS)} />;
}

export function SiteField({ sites }: { sites: SiteOption[] }) {
  return <SelectField name="siteId" label="Site" hint="Where the person usually works; optional." placeholder="No site" options={siteOptions(sites)} />;
}

export function NewPasswordFields({ hint }: { hint: string }) {
  return (
    <>
      <TextField name="password" type="password" label="Password" hint={hint} autoComplete="new-password" />
      <TextField name="confirmPassword" type="password" label="Password again" hint="Type it once more to rule out a typo." autoComplete="new-password" />
    </>
  );
}

/** A coordinator's sites: the records they may enter and the physicians they may enter them for. */
export function CoordinatorSitesField({ sites }: { sites: SiteOption[] }) {
  return (
    <CheckboxGroup
      name="coordinatorSiteIds"
      label="Coordinator's sites"
      hint="For coordinators only (at least one): they see and enter the records of these sites, on behalf of these sites' physicians."
      optional
      options={siteOptions(sites)}
    />
  );
}

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLE_LABELS } from "@/lib/labels";
import { resetTotp } from "@/lib/dal/auth/totp";
import {
  createSite,
  createUser,
  DuplicateSiteCodeError,
  resetPassword,
  revokeSessions,
  SelfLockoutError,
  setUserDisabled,
  updateSite,
  updateUser,
} from "@/lib/dal/admin/admin";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { DuplicateEmailError, UnknownSiteError } from "@/lib/dal/admin/users";
import { formDataToObject, formSaved, formStateFromError, typedValues, type FormRefusal, type FormState } from "@/lib/validation/formData";
import { newSiteSchema, recordIdSchema, siteUpdateSchema } from "@/lib/validation/sites";
import { newUserFormSchema, passwordResetFormSchema, userUpdateFormSchema } from "@/lib/validation/users";

// Every action: the principal first (the DAL decides what they may do), then zod on the form, then the DAL.
// A refusal returns the typed values (never passwords) and one message per field for the form to show.

const USERS_PATH = "/admin/users";
const SITES_PATH = "/admin/sites";
const RELOAD = "Reload the page and try again.";

/** The admin screens' own wording for the data layer's refusals; the rest are the common ones (lib/validation/formData.ts). */
function adminRefusal(error: unknown): FormRefusal | undefined {
  // The record id travels in a hidden field; if it is wrong the page is stale, not the person's typing.
  if (error instanceof z.ZodError && error.issues.some((i) => i.path[0] === "id")) return { formError: `This record could not be identified. ${RELOAD}` };
  if (error instanceof DuplicateEmailError) return { fieldErrors: { email: [`${error.message}. Open that account instead, or use another email.`] } };
  if (error instanceof DuplicateSiteCodeError) return { fieldErrors: { code: [`${error.message}. Choose another code.`] } };
  if (error instanceof UnknownSiteError) return { fieldErrors: { siteId: ["That site no longer exists. Choose another."] } };
  if (error instanceof NotFoundError) return { formError: `${error.message}: it may have been removed. ${RELOAD}` };
  if (error instanceof SelfLockoutError) return { formError: error.message };
  if (error instanceof ForbiddenError) return { formError: `${error.message}. If your role was just changed, sign in again.` };
  return undefined;
}

/**
 * The body of one admin form's action (which has asked for the principal first): parse the form with `schema`,
 * run `save` through the DAL, revalidate `paths`, and answer with the success message or the refusal beside
 * the fields.
 */
async function runAdminForm<S extends z.ZodType>(
  previous: FormState,
  formData: FormData,
  schema: S,
  paths: string[],
  save: (data: z.output<S>) => Promise<string>,
): Promise<FormState> {
  // A coordinator's sites are ticked checkboxes sharing one name (an empty list when none is ticked).
  const submitted = formDataToObject(formData, { multi: ["coordinatorSiteIds"] });
  try {
    const message = await save(schema.parse(submitted));
    for (const path of paths) revalidatePath(path);
    return formSaved(previous, message);
  } catch (error) {
    return formStateFromError(error, typedValues(submitted), previous, adminRefusal);
  }
}

const idFormSchema = z.object({ id: recordIdSchema });
const statusFormSchema = z.object({ id: recordIdSchema, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

// ---------- users ----------

export async function createUserAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, newUserFormSchema, [USERS_PATH, SITES_PATH], async (data) => {
    const user = await createUser(me, data);
    return `Created the ${ROLE_LABELS[user.role].toLowerCase()} account of ${user.name} (${user.email}). Tell them their password in person or by phone.`;
  });
}

export async function updateUserAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, userUpdateFormSchema, [USERS_PATH, SITES_PATH], async ({ id, ...changes }) => {
    const user = await updateUser(me, id, changes);
    return `Saved ${user.name}: ${ROLE_LABELS[user.role]}, ${user.siteName ?? "no site"}.`;
  });
}

export async function setUserDisabledAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, statusFormSchema, [USERS_PATH], async ({ id, disabled }) => {
    const user = await setUserDisabled(me, id, disabled);
    return user.disabled ? `${user.name} is disabled and was signed out everywhere.` : `${user.name} can sign in again.`;
  });
}

export async function resetPasswordAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, idFormSchema.and(passwordResetFormSchema), [USERS_PATH], async ({ id, password }) => {
    const user = await resetPassword(me, id, password);
    return `New password set for ${user.name}; every session they had is ended. Tell them the password in person or by phone.`;
  });
}

export async function revokeSessionsAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, idFormSchema, [USERS_PATH], async ({ id }) => {
    const user = await revokeSessions(me, id);
    return `${user.name} was signed out of every session.`;
  });
}

export async function resetTotpAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, idFormSchema, [USERS_PATH], async ({ id }) => {
    await resetTotp(me, id);
    return "Two-step sign-in was removed and every session ended; the person signs in with the password and may set it up again.";
  });
}

// ---------- sites ----------

export async function createSiteAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, newSiteSchema, [SITES_PATH, USERS_PATH], async (data) => {
    const site = await createSite(me, data);
    return `Added ${site.name} (${site.code}).`;
  });
}

export async function renameSiteAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  return runAdminForm(previous, formData, siteUpdateSchema.extend({ id: recordIdSchema }), [SITES_PATH, USERS_PATH], async ({ id, name, timeZone }) => {
    const site = await updateSite(me, id, { name, timeZone });
    return `Saved ${site.code}: ${site.name}, ${site.timeZone}.`;
  });
}

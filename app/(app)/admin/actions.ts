"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState, FieldErrors } from "@/components/admin/actionState";
import { ROLE_LABELS } from "@/lib/labels";
import { resetTotp } from "@/lib/dal/totp";
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
} from "@/lib/dal/admin";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { requirePrincipal } from "@/lib/dal/session";
import { DuplicateEmailError, UnknownSiteError } from "@/lib/dal/users";
import { newSiteSchema, recordIdSchema, siteUpdateSchema } from "@/lib/validation/sites";
import { newUserFormSchema, passwordResetFormSchema, userUpdateSchema } from "@/lib/validation/users";

// Every action: the principal first (the DAL decides what they may do), then zod on the form, then the DAL.
// A refusal returns the typed values (never passwords) and one message per field for the form to show.

const USERS_PATH = "/admin/users";
const SITES_PATH = "/admin/sites";
const SECRET_FIELDS = new Set(["password", "confirmPassword"]);
const CHECK_FIELDS = "Some fields need attention.";
const RELOAD = "Reload the page and try again.";

/** What the person typed, minus passwords and Next's internal fields, to put back into the form. */
function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELDS.has(key) && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

const input = (formData: FormData) => Object.fromEntries(formData);

const done = (message: string): ActionState => ({ ok: true, message, submission: randomUUID() });

const refused = (values: Record<string, string>, message: string, fieldErrors: FieldErrors = {}): ActionState => ({
  ok: false,
  message,
  fieldErrors,
  values,
  submission: randomUUID(),
});

function invalid(error: z.ZodError, values: Record<string, string>): ActionState {
  const fieldErrors: FieldErrors = z.flattenError(error).fieldErrors;
  // The record id travels in a hidden field; if it is wrong the page is stale, not the person's typing.
  if (fieldErrors.id) return refused(values, `This record could not be identified. ${RELOAD}`);
  return refused(values, CHECK_FIELDS, fieldErrors);
}

/** Maps the data layer's refusals to words for the form; anything unexpected goes to the error boundary. */
function fromDalError(error: unknown, values: Record<string, string>): ActionState {
  if (error instanceof z.ZodError) return invalid(error, values);
  if (error instanceof ValidationError) return refused(values, CHECK_FIELDS, error.fieldErrors);
  if (error instanceof DuplicateEmailError)
    return refused(values, CHECK_FIELDS, { email: [`${error.message}. Open that account instead, or use another email.`] });
  if (error instanceof DuplicateSiteCodeError) return refused(values, CHECK_FIELDS, { code: [`${error.message}. Choose another code.`] });
  if (error instanceof UnknownSiteError) return refused(values, CHECK_FIELDS, { siteId: ["That site no longer exists. Choose another."] });
  if (error instanceof NotFoundError) return refused(values, `${error.message}: it may have been removed. ${RELOAD}`);
  if (error instanceof SelfLockoutError) return refused(values, error.message);
  if (error instanceof ForbiddenError) return refused(values, `${error.message}. If your role was just changed, sign in again.`);
  throw error;
}

// ---------- users ----------

export async function createUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = newUserFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const user = await createUser(me, parsed.data);
    revalidatePath(USERS_PATH);
    revalidatePath(SITES_PATH);
    return done(`Created the ${ROLE_LABELS[user.role].toLowerCase()} account of ${user.name} (${user.email}). Tell them their password in person or by phone.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

const userUpdateFormSchema = userUpdateSchema.extend({ id: recordIdSchema });

export async function updateUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = userUpdateFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const { id, ...changes } = parsed.data;
  try {
    const user = await updateUser(me, id, changes);
    revalidatePath(USERS_PATH);
    revalidatePath(SITES_PATH);
    return done(`Saved ${user.name}: ${ROLE_LABELS[user.role]}, ${user.siteName ?? "no site"}.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

const statusFormSchema = z.object({ id: recordIdSchema, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });

export async function setUserDisabledAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = statusFormSchema.safeParse(input(formData));
  if (!parsed.success) return refused(values, `The request was incomplete. ${RELOAD}`);
  try {
    const user = await setUserDisabled(me, parsed.data.id, parsed.data.disabled);
    revalidatePath(USERS_PATH);
    return done(user.disabled ? `${user.name} is disabled and was signed out everywhere.` : `${user.name} can sign in again.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

const resetFormSchema = z.object({ id: recordIdSchema }).and(passwordResetFormSchema);

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = resetFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const user = await resetPassword(me, parsed.data.id, parsed.data.password);
    revalidatePath(USERS_PATH);
    return done(`New password set for ${user.name}; every session they had is ended. Tell them the password in person or by phone.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

const idFormSchema = z.object({ id: recordIdSchema });

export async function revokeSessionsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = idFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const user = await revokeSessions(me, parsed.data.id);
    revalidatePath(USERS_PATH);
    return done(`${user.name} was signed out of every session.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

export async function resetTotpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = idFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await resetTotp(me, parsed.data.id);
    revalidatePath(USERS_PATH);
    return done("Two-step sign-in was removed and every session ended; the person signs in with the password and may set it up again.");
  } catch (error) {
    return fromDalError(error, values);
  }
}

// ---------- sites ----------

export async function createSiteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = newSiteSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const site = await createSite(me, parsed.data);
    revalidatePath(SITES_PATH);
    revalidatePath(USERS_PATH);
    return done(`Added ${site.name} (${site.code}).`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

const siteRenameFormSchema = siteUpdateSchema.extend({ id: recordIdSchema });

export async function renameSiteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  const values = typedValues(formData);
  const parsed = siteRenameFormSchema.safeParse(input(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const site = await updateSite(me, parsed.data.id, { name: parsed.data.name });
    revalidatePath(SITES_PATH);
    revalidatePath(USERS_PATH);
    return done(`Renamed ${site.code} to ${site.name}.`);
  } catch (error) {
    return fromDalError(error, values);
  }
}

"use server";

import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState, FieldErrors } from "@/components/admin/actionState";
import { clientAddressFrom } from "@/lib/auth/clientAddress";
import { throttledMessage } from "@/lib/auth/signInErrors";
import { ValidationError } from "@/lib/dal/errors";
import { getSessionId, requirePrincipal } from "@/lib/dal/session";
import { signOutOtherSessions } from "@/lib/dal/sessions";
import { SignInThrottledError } from "@/lib/dal/throttle";
import { cancelTotpEnrolment, confirmTotpEnrolment, disableTotp, startTotpEnrolment } from "@/lib/dal/totp";

// The account's own security settings. Each action: the principal first, zod on the form, then the DAL, which
// decides and audits. Secrets (password, code, the TOTP secret) never come back in the returned state.

const PATH = "/account/security";
const codeField = z
  .string()
  .trim()
  .max(12)
  .regex(/^\d{3} ?\d{3}$/, { error: "Enter the 6-digit code" });

const done = (message: string): ActionState => ({ ok: true, message, submission: randomUUID() });
const refused = (message: string, fieldErrors: FieldErrors = {}): ActionState => ({ ok: false, message, fieldErrors, values: {}, submission: randomUUID() });

function fromError(error: unknown): ActionState {
  if (error instanceof z.ZodError) return refused("Some fields need attention.", z.flattenError(error).fieldErrors);
  if (error instanceof ValidationError) {
    const { _form, ...fields } = error.fieldErrors;
    return refused(_form?.[0] ?? "Some fields need attention.", fields);
  }
  if (error instanceof SignInThrottledError) return refused(throttledMessage(error.retryAfterSeconds));
  throw error;
}

export async function startTotpAction(): Promise<ActionState> {
  const me = await requirePrincipal();
  try {
    await startTotpEnrolment(me);
  } catch (error) {
    return fromError(error);
  }
  revalidatePath(PATH);
  return done("Add the key to your authenticator app, then enter the code it shows.");
}

/** On success every session of the account has ended (lib/dal/totp.ts): off to sign in again, with a code. */
export async function confirmTotpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  try {
    const code = codeField.parse(formData.get("code") ?? "");
    await confirmTotpEnrolment(me, code);
  } catch (error) {
    return fromError(error);
  }
  redirect(`/login?notice=totp-on&callbackUrl=${encodeURIComponent(PATH)}`);
}

export async function cancelTotpAction(): Promise<ActionState> {
  const me = await requirePrincipal();
  await cancelTotpEnrolment(me);
  revalidatePath(PATH);
  return done("Set-up cancelled.");
}

export async function disableTotpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const me = await requirePrincipal();
  try {
    const input = z.object({ password: z.string().min(1, { error: "Enter your password" }).max(1024), code: codeField }).parse(Object.fromEntries(formData));
    await disableTotp(me, input, clientAddressFrom(await headers()));
  } catch (error) {
    return fromError(error);
  }
  redirect(`/login?notice=totp-off&callbackUrl=${encodeURIComponent(PATH)}`);
}

export async function signOutOtherSessionsAction(): Promise<ActionState> {
  const me = await requirePrincipal();
  const ended = await signOutOtherSessions(me, await getSessionId());
  revalidatePath(PATH);
  return done(ended === 0 ? "There were no other sessions." : `Signed out ${ended} other ${ended === 1 ? "session" : "sessions"}.`);
}

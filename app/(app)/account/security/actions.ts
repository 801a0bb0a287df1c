"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddressFrom } from "@/lib/auth/clientAddress";
import { throttledMessage } from "@/lib/auth/signInErrors";
import { getSessionId, requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { signOutOtherSessions } from "@/lib/dal/auth/sessionRows";
import { SignInThrottledError } from "@/lib/dal/auth/throttle";
import { cancelTotpEnrolment, confirmTotpEnrolment, disableTotp, startTotpEnrolment } from "@/lib/dal/auth/totp";
import { formSaved, formStateFromError, type FormState } from "@/lib/validation/formData";

// The account's own security settings. Each action: the principal first, zod on the form, then the DAL, which
// decides and audits. Secrets (password, code, the TOTP secret) never come back in the returned state.

const PATH = "/account/security";
const codeField = z
  .string()
  .trim()
  .max(12)
  .regex(/^\d{3} ?\d{3}$/, { error: "Enter the 6-digit code" });

/** Nothing typed here is shown again (codes and passwords only), so a refusal carries no values. */
const fromError = (error: unknown, previous: FormState) =>
  formStateFromError(error, {}, previous, (e) => (e instanceof SignInThrottledError ? { formError: throttledMessage(e.retryAfterSeconds) } : undefined));

export async function startTotpAction(previous: FormState): Promise<FormState> {
  const me = await requirePrincipal();
  try {
    await startTotpEnrolment(me);
  } catch (error) {
    return fromError(error, previous);
  }
  revalidatePath(PATH);
  return formSaved(previous, "Add the key to your authenticator app, then enter the code it shows.");
}

/** On success every session of the account has ended (lib/dal/auth/totp.ts): off to sign in again, with a code. */
export async function confirmTotpAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  try {
    const code = codeField.parse(formData.get("code") ?? "");
    await confirmTotpEnrolment(me, code);
  } catch (error) {
    return fromError(error, previous);
  }
  redirect(`/login?notice=totp-on&callbackUrl=${encodeURIComponent(PATH)}`);
}

export async function cancelTotpAction(previous: FormState): Promise<FormState> {
  const me = await requirePrincipal();
  await cancelTotpEnrolment(me);
  revalidatePath(PATH);
  return formSaved(previous, "Set-up cancelled.");
}

export async function disableTotpAction(previous: FormState, formData: FormData): Promise<FormState> {
  const me = await requirePrincipal();
  try {
    const input = z.object({ password: z.string().min(1, { error: "Enter your password" }).max(1024), code: codeField }).parse(Object.fromEntries(formData));
    await disableTotp(me, input, clientAddressFrom(await headers()));
  } catch (error) {
    return fromError(error, previous);
  }
  redirect(`/login?notice=totp-off&callbackUrl=${encodeURIComponent(PATH)}`);
}

export async function signOutOtherSessionsAction(previous: FormState): Promise<FormState> {
  const me = await requirePrincipal();
  const ended = await signOutOtherSessions(me, await getSessionId());
  revalidatePath(PATH);
  return formSaved(previous, ended === 0 ? "There were no other sessions." : `Signed out ${ended} other ${ended === 1 ? "session" : "sessions"}.`);
}

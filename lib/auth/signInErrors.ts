/**
 * The error codes sign-in hands the login form (next-auth returns a thrown message as `error`). Shared by the
 * server (lib/auth/options.ts) and the form (components/auth/LoginForm.tsx), so neither guesses the other's words.
 */
export const SIGN_IN_ERRORS = {
  /** `Throttled:<seconds>` */
  throttled: "Throttled",
  codeRequired: "CodeRequired",
  codeInvalid: "CodeInvalid",
} as const;

export type SignInErrorView = { kind: "throttled"; seconds: number } | { kind: "codeRequired" } | { kind: "codeInvalid" } | { kind: "credentials" };

export function parseSignInError(error: string): SignInErrorView {
  const throttled = new RegExp(`^${SIGN_IN_ERRORS.throttled}:(\\d+)$`).exec(error);
  if (throttled) return { kind: "throttled", seconds: Number(throttled[1]) };
  if (error === SIGN_IN_ERRORS.codeRequired) return { kind: "codeRequired" };
  if (error === SIGN_IN_ERRORS.codeInvalid) return { kind: "codeInvalid" };
  return { kind: "credentials" };
}

export function throttledMessage(seconds: number): string {
  return `Too many attempts — try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
}

/**
 * Who must have a second factor, and where they are sent to set one up. No imports, so proxy.ts can use it
 * without pulling the database or the TOTP code into its bundle.
 */

/** Where an administrator who must enrol a second factor is sent, and the only page they may use until then. */
export const SECOND_FACTOR_ENROLMENT_PATH = "/account/security";

/** REQUIRE_ADMIN_TOTP=1: administrators must use two-step sign-in before they can do anything else. */
export function adminTotpRequired(): boolean {
  return process.env.REQUIRE_ADMIN_TOTP === "1" || process.env.REQUIRE_ADMIN_TOTP === "true";
}

export function isEnrolmentPath(pathname: string | null | undefined): boolean {
  return pathname === SECOND_FACTOR_ENROLMENT_PATH || Boolean(pathname?.startsWith(`${SECOND_FACTOR_ENROLMENT_PATH}/`));
}

import type { Role } from "@/db/enums";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
    /** The server-side session created at sign-in (lib/dal/auth/sessionRows.ts). */
    sid: string;
    /** Signed in with a second factor (TOTP code). */
    secondFactor: boolean;
  }
  interface Session {
    user: { id: number; name: string; email: string; role: Role; sv: number; signedInAt: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    sv: number;
    signedInAt: number;
    sid?: string;
    /** This session was opened with a second factor. */
    tf?: boolean;
  }
}

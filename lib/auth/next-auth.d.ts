import type { Role } from "@/db/enums";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
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
  }
}

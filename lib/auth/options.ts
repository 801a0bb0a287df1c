import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInCredentialsSchema } from "@/lib/validation/auth";
import { authenticate, recordSignOut } from "@/lib/dal/authentication";
import { getAuthSecret } from "./secret";
import { sessionMaxAgeSeconds } from "./sessionPolicy";

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInCredentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const forwarded = req?.headers?.["x-forwarded-for"];
        const clientAddress = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() ?? null;
        const user = await authenticate(parsed.data.email, parsed.data.password, clientAddress);
        if (!user) return null;
        return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        token.signedInAt = Date.now();
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { id: token.uid, name: token.name ?? "", email: token.email ?? "", role: token.role, sv: token.sv, signedInAt: token.signedInAt };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.uid) await recordSignOut(token.uid, token.email ?? null);
    },
  },
};

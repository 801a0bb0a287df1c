import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInCredentialsSchema } from "@/lib/validation/auth";
import { authenticate, recordSignOut, SecondFactorInvalidError, SecondFactorRequiredError, SignInThrottledError } from "@/lib/dal/auth/authentication";
import { principalFromClaims } from "@/lib/dal/auth/currentPrincipal";
import { clientAddressFrom, userAgentFrom } from "@/lib/auth/clientAddress";
import { SIGN_IN_ERRORS } from "@/lib/auth/signInErrors";
import { getAuthSecret } from "@/lib/auth/secret";
import { sessionMaxAgeSeconds } from "@/lib/auth/sessionPolicy";

/**
 * Thrown from the jwt callback when a token read back by /api/auth/session no longer names a live session:
 * next-auth then answers as for no session ({}) and clears the cookie. Expected, so not logged as an error.
 */
const SESSION_ENDED = "session ended";

/** The optional second-step field: six digits, spaces allowed (apps show "123 456"). */
function codeOf(credentials: Record<string, string> | undefined): string | null {
  const code = credentials?.code?.replace(/\s+/g, "");
  return code ? code.slice(0, 12) : null;
}

export const authOptions: NextAuthOptions = {
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code from your authenticator app", type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = signInCredentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          const user = await authenticate(parsed.data.email, parsed.data.password, clientAddressFrom(req?.headers), {
            code: codeOf(credentials),
            userAgent: userAgentFrom(req?.headers),
          });
          if (!user) return null;
          return {
            id: String(user.id),
            email: user.email,
            name: user.name,
            role: user.role,
            sessionVersion: user.sessionVersion,
            sid: user.sid,
            secondFactor: user.secondFactor,
          };
        } catch (error) {
          // next-auth passes a thrown message to the client as `error`; the login form maps these codes to words.
          if (error instanceof SignInThrottledError) throw new Error(`${SIGN_IN_ERRORS.throttled}:${error.retryAfterSeconds}`);
          if (error instanceof SecondFactorRequiredError) throw new Error(SIGN_IN_ERRORS.codeRequired);
          if (error instanceof SecondFactorInvalidError) throw new Error(SIGN_IN_ERRORS.codeInvalid);
          throw error;
        }
      },
    }),
  ],
  logger: {
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR" && (metadata as Error | undefined)?.message === SESSION_ENDED) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (!user) {
        // Reading an existing session (/api/auth/session): the same rules as every other request (lib/dal/session.ts),
        // so a token copied before sign-out, revocation or an idle timeout does not read as signed in here either.
        const alive =
          typeof token.uid === "number" &&
          typeof token.sid === "string" &&
          (await principalFromClaims({ id: token.uid, sv: token.sv, signedInAt: token.signedInAt, sid: token.sid })) !== null;
        if (!alive) throw new Error(SESSION_ENDED);
        return token;
      }
      token.uid = Number(user.id);
      token.role = user.role;
      token.sv = user.sessionVersion;
      token.signedInAt = Date.now();
      token.sid = user.sid;
      // Signed in with a second factor: proxy.ts reads it to send an admin who must enrol one straight there.
      token.tf = user.secondFactor;
      return token;
    },
    async session({ session, token }) {
      // The session id stays in the (encrypted, httpOnly) token: /api/auth/session answers the browser.
      session.user = { id: token.uid, name: token.name ?? "", email: token.email ?? "", role: token.role, sv: token.sv, signedInAt: token.signedInAt };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.uid) await recordSignOut(token.uid, token.email ?? null, token.sid ?? null);
    },
  },
};

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { demoAccounts } from "@/lib/dal/auth/demoAccounts";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";

export const metadata: Metadata = { title: "Sign in" };

/** Why the person is back at the sign-in page, after a change that ended their sessions. */
const NOTICES: Record<string, string> = {
  "totp-on": "Two-step sign-in is on, and your sessions were signed out. Sign in again with your password and a code from your authenticator app.",
  "totp-off": "Two-step sign-in is off, and your sessions were signed out. Sign in again with your password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; notice?: string }> }) {
  if (await getPrincipal()) redirect("/");
  const { callbackUrl, notice } = await searchParams;
  const noticeText = notice ? NOTICES[notice] : undefined;
  const demo = await demoAccounts();
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <p className="brand">MILD Outcomes</p>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Outcomes and complications of minimally invasive lumbar decompression.</p>
        {noticeText && (
          <p className="admin-success" role="status">
            {noticeText}
          </p>
        )}
        <LoginForm callbackUrl={callbackUrl} />
        {demo && (
          <aside className="demo-note" aria-label="Demo accounts">
            <h2>Demo accounts</h2>
            <p>
              This database holds generated demo data. Every demo account uses the password <code>mild-demo</code>:
            </p>
            <ul>
              <li>
                <code>admin@example.org</code> — administrator
              </li>
              <li>
                <code>quality@example.org</code> — quality officer
              </li>
              {demo.physicians > 0 && (
                <li>
                  <code>physician1@example.org</code> … <code>physician{demo.physicians}@example.org</code> — physicians
                </li>
              )}
              {demo.coordinators > 0 && (
                <li>
                  <code>coordinator1@example.org</code> … <code>coordinator{demo.coordinators}@example.org</code> — coordinators, one per site
                </li>
              )}
            </ul>
          </aside>
        )}
      </section>
    </main>
  );
}

import { Panel } from "@/components/layout/Panel";
import { SimpleTable } from "@/components/table/SimpleTable";
import type { Metadata } from "next";
import { ConfirmTotpForm, DisableTotpForm, SignOutOtherSessionsForm, StartTotpForm } from "@/components/auth/AccountSecurityForms";
import { sessionIdleSeconds } from "@/lib/auth/sessionPolicy";
import { getSessionId, requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listOwnSessions } from "@/lib/dal/auth/sessionRows";
import { getTotpStatus } from "@/lib/dal/auth/totp";
import { cancelTotpAction, confirmTotpAction, disableTotpAction, signOutOtherSessionsAction, startTotpAction } from "./actions";

export const metadata: Metadata = { title: "Account security" };

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
/** The key in groups of four, as authenticator apps show it, so it can be typed without losing one's place. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");

export default async function AccountSecurityPage() {
  const me = await requirePrincipal();
  const [totp, sid] = await Promise.all([getTotpStatus(me), getSessionId()]);
  const sessions = await listOwnSessions(me, sid);
  const idleMinutes = Math.round(sessionIdleSeconds() / 60);

  return (
    <div className="admin-page">
      <header className="page-header">
        <h1>Account security</h1>
        <p className="muted">
          {me.name} · {me.email}
        </p>
      </header>

      {totp.required && (
        <p className="form-error" role="alert">
          Administrators must use two-step sign-in. Set it up below to continue; the rest of the app opens once it is on.
        </p>
      )}

      <Panel id="totp-title" title="Two-step sign-in">
        {totp.enrolled ? (
          <>
            <p>
              <strong>On</strong> since {when(totp.confirmedAt!)}. Signing in asks for your password and a code from your authenticator app.
            </p>
            <DisableTotpForm action={disableTotpAction} />
          </>
        ) : totp.pending ? (
          <>
            <p>Add this account to your authenticator app, then enter the code it shows to turn two-step sign-in on.</p>
            <dl className="totp-setup">
              <dt>Key (enter it in the app by hand)</dt>
              <dd>
                <code aria-label="Secret key">{grouped(totp.pending.secret)}</code>
              </dd>
              <dt>Set-up address (otpauth URI, for apps that accept one or to make a QR code on a device you trust)</dt>
              <dd>
                <code className="break-all">{totp.pending.uri}</code>
              </dd>
            </dl>
            <p className="muted small">The key is shown only until set-up is finished. Keep it secret: anyone with it can make your codes.</p>
            <ConfirmTotpForm action={confirmTotpAction} cancel={cancelTotpAction} />
          </>
        ) : (
          <>
            <p>
              <strong>Off.</strong> With two-step sign-in, a stolen password is not enough: signing in also needs a code from your phone.
            </p>
            <StartTotpForm action={startTotpAction} />
          </>
        )}
      </Panel>

      <Panel id="sessions-title" title="Where you are signed in">
        <p className="muted small">A session ends after {idleMinutes} minutes without activity, when you sign out, or when your password or role changes.</p>
        <SimpleTable
          columns={[
            {
              header: "Signed in",
              cell: (s) => (
                <>
                  {when(s.createdAt)}
                  {s.current && <strong> (this session)</strong>}
                </>
              ),
            },
            { header: "Last active", cell: (s) => when(s.lastSeenAt) },
            { header: "Address", cell: (s) => s.clientAddress ?? "unknown" },
            { header: "Browser", className: "small", cell: (s) => s.userAgent ?? "unknown" },
          ]}
          rows={sessions}
          rowKey={(_, i) => i}
        />
        <SignOutOtherSessionsForm action={signOutOtherSessionsAction} others={sessions.filter((s) => !s.current).length} />
      </Panel>
    </div>
  );
}

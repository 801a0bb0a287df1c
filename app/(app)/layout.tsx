import { AppNav } from "@/components/layout/AppNav";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { unreadAlertCount } from "@/lib/dal/alerts/alerts";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const me = await requirePrincipal();
  const unreadAlerts = await unreadAlertCount(me);
  return (
    <div className="app-shell">
      {/* The first stop for keyboard and screen-reader users: past the menu, straight to the page. */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppNav user={{ name: me.name, email: me.email, role: me.role }} unreadAlerts={unreadAlerts} />
      <main className="app-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

import { AppNav } from "@/components/layout/AppNav";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const me = await requirePrincipal();
  return (
    <div className="app-shell">
      <AppNav user={me} />
      <main className="app-main" id="main">
        {children}
      </main>
    </div>
  );
}

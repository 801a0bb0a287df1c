import Link from "next/link";
import type { Role } from "@/db/enums";
import { ROLE_LABELS } from "@/lib/labels";
import { SignOutButton } from "@/components/auth/SignOutButton";

type NavItem = { href: string; label: string; roles: readonly Role[] };

// Role-aware: each screen appears only to the roles that may use it (the data layer refuses the rest anyway).
const ITEMS: NavItem[] = [
  { href: "/", label: "Home", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/outcomes", label: "Outcomes", roles: ["physician", "quality_officer", "admin"] },
  { href: "/quality", label: "Quality", roles: ["quality_officer", "admin"] },
  { href: "/worklist", label: "Worklist", roles: ["physician", "quality_officer", "coordinator"] },
  { href: "/data-quality", label: "Data quality", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/procedures", label: "Procedures", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/patients", label: "Patients", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/import", label: "Import / export", roles: ["physician", "quality_officer", "admin"] },
  { href: "/quality/review", label: "Review queue", roles: ["quality_officer"] },
  { href: "/audit", label: "Audit log", roles: ["quality_officer", "admin"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/sites", label: "Sites", roles: ["admin"] },
  { href: "/admin/outbox", label: "Outbox", roles: ["admin"] },
  { href: "/account/security", label: "Account security", roles: ["physician", "quality_officer", "admin", "coordinator"] },
];

export function AppNav({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <nav className="app-nav" aria-label="Main">
      <p className="brand">MILD Outcomes</p>
      <ul>
        {ITEMS.filter((i) => i.roles.includes(user.role)).map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{item.label}</Link>
          </li>
        ))}
      </ul>
      <div className="nav-user">
        <p className="nav-user-name">{user.name}</p>
        <p className="muted small">
          {ROLE_LABELS[user.role]} · {user.email}
        </p>
        <SignOutButton />
      </div>
    </nav>
  );
}

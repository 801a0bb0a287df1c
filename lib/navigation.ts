/**
 * The left navigation, declared once: the menu draws it and the layout and accessibility tests visit every
 * entry for every role, so a new screen is checked on phones the day it joins the menu. Each screen appears
 * only to the roles that may use it (the data layer refuses the rest anyway).
 */
import type { Role } from "@/db/enums";

export type NavItem = { href: string; label: string; roles: readonly Role[] };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Home", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/outcomes", label: "Outcomes", roles: ["physician", "quality_officer", "admin"] },
  { href: "/quality", label: "Quality", roles: ["quality_officer", "admin"] },
  { href: "/worklist", label: "Worklist", roles: ["physician", "quality_officer", "coordinator"] },
  { href: "/data-quality", label: "Data quality", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/procedures", label: "Procedures", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/patients", label: "Patients", roles: ["physician", "quality_officer", "admin", "coordinator"] },
  { href: "/import", label: "Import / export", roles: ["physician", "quality_officer", "admin"] },
  { href: "/quality/review", label: "Review queue", roles: ["quality_officer"] },
  { href: "/alerts", label: "Alerts", roles: ["physician", "quality_officer"] },
  { href: "/audit", label: "Audit log", roles: ["quality_officer", "admin"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/sites", label: "Sites", roles: ["admin"] },
  { href: "/admin/outbox", label: "Outbox", roles: ["admin"] },
  { href: "/account/security", label: "Account security", roles: ["physician", "quality_officer", "admin", "coordinator"] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/**
 * The entry that marks the page at `pathname` as current: the longest href that is the path itself or one of
 * its parents, so /quality/review marks "Review queue" and /procedures/12 marks "Procedures", and "/" only Home.
 */
export function currentNavHref(items: readonly NavItem[], pathname: string): string | null {
  let best: string | null = null;
  for (const { href } of items) {
    const matches = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
    if (matches && (best === null || href.length > best.length)) best = href;
  }
  return best;
}

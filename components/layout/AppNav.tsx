"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import type { Role } from "@/db/enums";
import { ROLE_LABELS } from "@/lib/labels";
import { currentNavHref, navItemsFor } from "@/lib/navigation";
import { SignOutButton } from "@/components/auth/SignOutButton";

/**
 * The left navigation on wide screens; below 960 px a top bar whose Menu button opens the same list, so a
 * phone at the bedside gets the whole width for the form. The current page is marked for screen readers too.
 */
export function AppNav({ user, unreadAlerts = 0 }: { user: { name: string; email: string; role: Role }; unreadAlerts?: number }) {
  const pathname = usePathname();
  // The menu is open on the page where it was opened: following a link closes it on phones.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const items = navItemsFor(user.role);
  const current = currentNavHref(items, pathname);
  return (
    <nav className={open ? "app-nav open" : "app-nav"} aria-label="Main">
      <div className="nav-bar">
        <p className="brand">MILD Outcomes</p>
        <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="nav-menu" onClick={() => setOpenOn(open ? null : pathname)}>
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      <div className="nav-menu" id="nav-menu">
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={item.href === current ? "page" : undefined}>
                {item.label}
                {item.href === "/alerts" && unreadAlerts > 0 && (
                  <span className="nav-count">
                    {unreadAlerts.toLocaleString("en-GB")}
                    <span className="visually-hidden"> unread</span>
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
        <div className="nav-user">
          <p className="nav-user-name">{user.name}</p>
          <p className="muted small nav-user-email">
            {ROLE_LABELS[user.role]} · {user.email}
          </p>
          <SignOutButton />
        </div>
      </div>
    </nav>
  );
}

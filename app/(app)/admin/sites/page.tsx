import type { Metadata } from "next";
import { CreateSiteForm } from "@/components/admin/CreateSiteForm";
import { RenameSiteForm } from "@/components/admin/RenameSiteForm";
import { RowPanelToggle } from "@/components/admin/RowPanelToggle";
import { listSites, type AdminSiteRow } from "@/lib/dal/admin";
import { requirePrincipal } from "@/lib/dal/session";
import { displayDate } from "@/lib/outcomes/dates";
import { createSiteAction, renameSiteAction } from "../actions";
import { parseRecordId } from "@/lib/validation/recordId";
import { adminOnly } from "../adminOnly";

export const metadata: Metadata = { title: "Sites" };

const COLUMNS = 5;

export default async function SitesPage({ searchParams }: { searchParams: Promise<{ rename?: string | string[] }> }) {
  const me = await requirePrincipal();
  const sites = await adminOnly(() => listSites(me));
  const renameId = parseRecordId((await searchParams).rename);

  return (
    <div className="admin-page">
      <header className="page-header">
        <h1>Sites</h1>
        <p className="muted">
          {sites.length} {sites.length === 1 ? "site" : "sites"} · a site&apos;s code is fixed once created, because exports and imports refer to it
        </p>
      </header>

      <section className="panel" aria-labelledby="sites-title">
        <h2 id="sites-title">Sites</h2>
        {sites.length === 0 ? (
          <p className="muted">No sites yet. Add the first one below.</p>
        ) : (
          <table className="data-table admin-table">
            <caption>Sites and how many accounts belong to each</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Accounts
                </th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <SiteRows key={s.id} site={s} open={s.id === renameId} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="create-site-title">
        <h2 id="create-site-title">Add a site</h2>
        <CreateSiteForm action={createSiteAction} />
      </section>
    </div>
  );
}

function SiteRows({ site, open }: { site: AdminSiteRow; open: boolean }) {
  const panelId = `rename-${site.id}`;
  return (
    <>
      <tr id={`site-${site.id}`} className={open ? "highlight" : undefined}>
        <th scope="row">
          <code>{site.code}</code>
        </th>
        <td>{site.name}</td>
        <td className="num">{site.users}</td>
        <td>{displayDate(site.createdAt.slice(0, 10))}</td>
        <td>
          <RowPanelToggle
            open={open}
            openHref={`/admin/sites?rename=${site.id}#${panelId}`}
            closeHref={`/admin/sites#site-${site.id}`}
            panelId={panelId}
            verb="Rename"
            subject={site.code}
          />
        </td>
      </tr>
      {open && (
        <tr className="admin-manage-row">
          <td colSpan={COLUMNS}>
            <section id={panelId} className="admin-manage admin-manage-narrow" aria-label={`Rename ${site.code}`}>
              <RenameSiteForm action={renameSiteAction} site={site} />
            </section>
          </td>
        </tr>
      )}
    </>
  );
}

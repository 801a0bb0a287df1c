import { Panel } from "@/components/layout/Panel";
import type { Metadata } from "next";
import { CreateSiteForm } from "@/components/admin/CreateSiteForm";
import { RenameSiteForm } from "@/components/admin/RenameSiteForm";
import { panelToggleColumn, RowPanel } from "@/components/admin/RowPanelToggle";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { listSites, type AdminSiteRow } from "@/lib/dal/admin/admin";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayDate, serverTimeZone } from "@/lib/outcomes/dates";
import { createSiteAction, renameSiteAction } from "../actions";
import { parseRecordId } from "@/lib/validation/recordId";
import { adminOnly } from "../adminOnly";

export const metadata: Metadata = { title: "Sites" };

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

      <Panel id="sites-title" title="Sites">
        {sites.length === 0 ? (
          <p className="muted">No sites yet. Add the first one below.</p>
        ) : (
          <SimpleTable
            caption="Sites and how many accounts belong to each"
            className="admin-table"
            columns={siteColumns(renameId)}
            rows={sites}
            rowKey={(s) => s.id}
            rowId={(s) => `site-${s.id}`}
            rowClassName={(s) => (s.id === renameId ? "highlight" : undefined)}
            after={(s) =>
              s.id === renameId && (
                <RowPanel id={`rename-${s.id}`} label={`Edit ${s.code}`} columns={6} narrow>
                  <RenameSiteForm action={renameSiteAction} site={s} />
                </RowPanel>
              )
            }
          />
        )}
      </Panel>

      <Panel id="create-site-title" title="Add a site">
        <CreateSiteForm action={createSiteAction} defaultTimeZone={serverTimeZone()} />
      </Panel>
    </div>
  );
}

function siteColumns(renameId: number | null): SimpleColumn<AdminSiteRow>[] {
  return [
    { header: "Code", rowHeader: true, cell: (s) => <code>{s.code}</code> },
    { header: "Name", cell: (s) => s.name },
    { header: "Time zone", cell: (s) => s.timeZone },
    { header: "Accounts", num: true, cell: (s) => s.users },
    { header: "Created", cell: (s) => displayDate(s.createdAt.slice(0, 10)) },
    panelToggleColumn<AdminSiteRow>({ path: "/admin/sites", param: "rename", rowAnchor: "site", verb: "Edit", openId: renameId, subject: (s) => s.code }),
  ];
}

import { Panel } from "@/components/layout/Panel";
import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/CreateUserForm";
import { EditUserForm } from "@/components/admin/EditUserForm";
import { ResetPasswordForm } from "@/components/admin/ResetPasswordForm";
import { ResetTotpForm } from "@/components/admin/ResetTotpForm";
import { panelToggleColumn, RowPanel } from "@/components/admin/RowPanelToggle";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { RevokeSessionsForm } from "@/components/admin/RevokeSessionsForm";
import { UserStatusForm } from "@/components/admin/UserStatusForm";
import { ROLE_LABELS } from "@/lib/labels";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { listSites, listUsers, type AdminUserRow } from "@/lib/dal/admin/admin";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { userHasSecondFactor } from "@/lib/dal/auth/totp";
import { displayDate } from "@/lib/outcomes/dates";
import { createUserAction, resetPasswordAction, resetTotpAction, revokeSessionsAction, setUserDisabledAction, updateUserAction } from "../actions";
import { parseRecordId } from "@/lib/validation/recordId";
import { adminOnly } from "../adminOnly";

export const metadata: Metadata = { title: "Users" };

const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. Tell the person in person or by phone, never by email.`;

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ manage?: string | string[] }> }) {
  const me = await requirePrincipal();
  const [users, sites] = await adminOnly(() => Promise.all([listUsers(me), listSites(me)]));
  const manageId = parseRecordId((await searchParams).manage);
  const siteOptions = sites.map((s) => ({ id: s.id, code: s.code, name: s.name }));
  const disabledCount = users.filter((u) => u.disabled).length;
  const managedHasTotp = manageId ? await userHasSecondFactor(me, manageId) : false;

  return (
    <div className="admin-page">
      <header className="page-header admin-header">
        <div>
          <h1>Users</h1>
          <p className="muted">
            {users.length} {users.length === 1 ? "account" : "accounts"}
            {disabledCount > 0 && ` · ${disabledCount} disabled`} · every change is recorded in the audit log
          </p>
        </div>
        <a className="button primary" href="#create-user-title">
          Create an account
        </a>
      </header>

      <Panel id="accounts-title" title="Accounts">
        <SimpleTable
          caption="Choose Manage to change a person's details, password, sessions or status."
          className="admin-table"
          columns={userColumns(manageId, me.id)}
          rows={users}
          rowKey={(u) => u.id}
          rowId={(u) => `user-${u.id}`}
          rowClassName={(u) => (u.id === manageId ? "highlight" : u.disabled ? "admin-row-disabled" : undefined)}
          after={(u) => u.id === manageId && <UserPanel user={u} isSelf={u.id === me.id} sites={siteOptions} hasTotp={managedHasTotp} />}
        />
      </Panel>

      <Panel id="create-user-title" title="Create an account">
        <CreateUserForm action={createUserAction} sites={siteOptions} passwordHint={PASSWORD_HINT} />
      </Panel>
    </div>
  );
}

function userColumns(manageId: number | null, myId: number): SimpleColumn<AdminUserRow>[] {
  return [
    {
      header: "Name",
      rowHeader: true,
      cell: (u) => (
        <>
          {u.name}
          {u.id === myId && <span className="badge admin-badge">you</span>}
        </>
      ),
    },
    { header: "Email", cell: (u) => u.email },
    { header: "Role", cell: (u) => ROLE_LABELS[u.role] },
    { header: "Site", cell: (u) => u.siteName ?? <span className="muted">—</span> },
    { header: "Status", cell: (u) => (u.disabled ? <span className="badge warn admin-status">Disabled</span> : <span className="admin-status">Active</span>) },
    { header: "Created", cell: (u) => displayDate(u.createdAt.slice(0, 10)) },
    panelToggleColumn<AdminUserRow>({ path: "/admin/users", param: "manage", rowAnchor: "user", verb: "Manage", openId: manageId, subject: (u) => u.name }),
  ];
}

function UserPanel({
  user,
  isSelf,
  sites,
  hasTotp,
}: {
  user: AdminUserRow;
  isSelf: boolean;
  sites: { id: number; code: string; name: string }[];
  hasTotp: boolean;
}) {
  const panelId = `manage-${user.id}`;
  return (
    <RowPanel id={panelId} label={`Manage ${user.name}`} columns={7}>
      <section className="admin-manage-part" aria-labelledby={`${panelId}-details`}>
        <h3 id={`${panelId}-details`}>Details</h3>
        <EditUserForm action={updateUserAction} user={user} sites={sites} isSelf={isSelf} />
      </section>
      <section className="admin-manage-part" aria-labelledby={`${panelId}-password`}>
        <h3 id={`${panelId}-password`}>Reset password</h3>
        <ResetPasswordForm action={resetPasswordAction} user={user} isSelf={isSelf} passwordHint={PASSWORD_HINT} />
      </section>
      <section className="admin-manage-part" aria-labelledby={`${panelId}-sessions`}>
        <h3 id={`${panelId}-sessions`}>Sessions</h3>
        <RevokeSessionsForm action={revokeSessionsAction} user={user} isSelf={isSelf} />
      </section>
      {hasTotp && !isSelf && (
        <section className="admin-manage-part" aria-labelledby={`${panelId}-totp`}>
          <h3 id={`${panelId}-totp`}>Two-step sign-in</h3>
          <ResetTotpForm action={resetTotpAction} user={user} />
        </section>
      )}
      <section className="admin-manage-part" aria-labelledby={`${panelId}-status`}>
        <h3 id={`${panelId}-status`}>Account status</h3>
        <UserStatusForm action={setUserDisabledAction} user={user} isSelf={isSelf} />
      </section>
    </RowPanel>
  );
}

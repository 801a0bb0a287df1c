import { PageHeader } from "@/components/layout/PageHeader";
import { tableViewOf } from "@/lib/validation/listQuery";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditFilterBar } from "@/components/audit/AuditFilterBar";
import { AuditTable } from "@/components/audit/AuditTable";
import { VerifyChainButton } from "@/components/audit/VerifyChainButton";
import { canAdjudicate } from "@/lib/dal/records/adjudication";
import { auditFilterOptions, canReadAuditLog, listAuditEntries } from "@/lib/dal/audit/auditLog";
import { parseAuditLogQuery } from "@/lib/validation/auditLog";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { verifyChainAction } from "./actions";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  // Physicians get the same 404 as a page that does not exist.
  if (!canReadAuditLog(me)) notFound();
  const query = parseAuditLogQuery(await searchParams);
  const [{ rows, total }, options] = await Promise.all([listAuditEntries(me, query), auditFilterOptions(me)]);
  return (
    <>
      <PageHeader title="Audit log">
        Every change to a record, every adjudication, export, import, sign-in and account change, newest first. Entries cannot be changed or removed in the app;
        each carries the hash of the one before, so an edit made to the database behind the app’s back is detected.
      </PageHeader>
      <section className="panel" aria-labelledby="verify-title">
        <h2 id="verify-title">Integrity</h2>
        <VerifyChainButton action={verifyChainAction} />
      </section>
      <section className="panel">
        <AuditFilterBar query={query} options={options} />
      </section>
      <section className="panel">
        <AuditTable
          rows={rows}
          total={total}
          view={tableViewOf(query)}
          canReview={canAdjudicate(me)}
          userNames={Object.fromEntries(options.users.map((u) => [u.id, u.name]))}
        />
      </section>
    </>
  );
}

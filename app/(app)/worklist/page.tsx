import { PageHeader } from "@/components/layout/PageHeader";
import type { Metadata } from "next";
import Link from "next/link";
import { CONTACT_OUTCOME_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { ordinal } from "@/lib/outcomes/followUpStatus";
import { listFilterOptions } from "@/lib/dal/records/procedureList";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { isClinicalWriter } from "@/lib/dal/access";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { getWorklist, type WorklistItem } from "@/lib/dal/records/worklist";
import { FilterBar, PhysicianFilter } from "@/components/filters/FilterFields";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { displayDate } from "@/lib/outcomes/dates";

export const metadata: Metadata = { title: "Worklist" };

const MAX_ROWS = 300;

export default async function WorklistPage({ searchParams }: { searchParams: Promise<{ physician?: string }> }) {
  const me = await requirePrincipal();
  const physicianParam = Number((await searchParams).physician);
  const physician = Number.isInteger(physicianParam) && physicianParam > 0 ? physicianParam : undefined;
  const [{ items, counts }, options] = await Promise.all([getWorklist(me, { physician }), listFilterOptions(me)]);
  const shown = items.slice(0, MAX_ROWS);
  // The physician column for anyone who sees more than their own; the physician filter for those who see everyone.
  const everyone = me.role !== "physician";
  const filterable = canSeeAllPhysicians(me);

  return (
    <>
      <PageHeader title="Follow-up worklist">
        Scheduled assessments whose window is open now, most urgent first: <strong>{counts.overdue.toLocaleString("en-GB")} overdue</strong> (past the target
        day, window still open) and {counts.due.toLocaleString("en-GB")} due.
      </PageHeader>
      {filterable && (
        <FilterBar action="/worklist" label="Choose a physician" submitLabel="Show" clearable={false} className="filter-bar panel">
          <PhysicianFilter value={physician} physicians={options.physicians} />
        </FilterBar>
      )}
      <section className="panel">
        {items.length === 0 ? (
          <p>Nothing is due: every open follow-up window has its assessment.</p>
        ) : (
          <SimpleTable
            caption={
              items.length > MAX_ROWS
                ? `The ${MAX_ROWS} most urgent of ${items.length.toLocaleString("en-GB")} open follow-ups`
                : `${items.length.toLocaleString("en-GB")} open follow-ups`
            }
            columns={worklistColumns(everyone, isClinicalWriter(me), isClinicalWriter(me))}
            rows={shown}
            rowKey={(i) => `${i.procedureId}-${i.timepoint}`}
          />
        )}
      </section>
    </>
  );
}

function worklistColumns(everyone: boolean, canEnter: boolean, canPrintLetter: boolean): SimpleColumn<WorklistItem>[] {
  return [
    { header: "State", cell: (i) => <span className={`state state-${i.state}`}>{i.state === "overdue" ? "Overdue" : "Due"}</span> },
    {
      header: "Patient",
      cell: (i) => (
        <>
          <Link prefetch={false} href={`/patients/${i.patientId}`}>
            {i.patientName}
          </Link>{" "}
          <span className="muted small">· {i.mrn}</span>
        </>
      ),
    },
    { header: "Physician", when: everyone, cell: (i) => i.physicianName },
    { header: "Timepoint", cell: (i) => TIMEPOINT_LABELS[i.timepoint] },
    {
      header: "Procedure",
      cell: (i) => (
        <Link prefetch={false} href={`/procedures/${i.procedureId}`}>
          {displayDate(i.procedureDate)}
        </Link>
      ),
    },
    { header: "Target day", cell: (i) => displayDate(i.nominalDate) },
    { header: "Window", className: "small", cell: (i) => `${displayDate(i.windowOpens)} – ${displayDate(i.windowCloses)}` },
    { header: "Days left", num: true, cell: (i) => i.daysLeft },
    {
      header: "Contact",
      className: "small",
      cell: (i) => (
        <>
          {i.unansweredInvitation && (
            <span className="worklist-call">
              <strong>
                Patient reminded {i.unansweredInvitation.reminders === 2 ? "twice" : `${i.unansweredInvitation.reminders} times`}, no answer — call
              </strong>
              {canPrintLetter && (
                <>
                  {" · "}
                  <Link prefetch={false} href={`/procedures/${i.procedureId}/letter?key=${encodeURIComponent(i.unansweredInvitation.key)}`}>
                    Print the link letter
                  </Link>
                </>
              )}
              <br />
            </span>
          )}
          {i.lastAttempt ? (
            <>
              {ordinal(i.attempts)} attempt {displayDate(i.lastAttempt.on)}: {CONTACT_OUTCOME_LABELS[i.lastAttempt.outcome].toLowerCase()}
            </>
          ) : (
            <span className="muted">none yet</span>
          )}
        </>
      ),
    },
    {
      header: "Action",
      hiddenHeader: true,
      cell: (i) =>
        canEnter && (
          <Link className="button subtle-light small" href={`/procedures/${i.procedureId}/assessments/new?timepoint=${i.timepoint}`}>
            Enter assessment
          </Link>
        ),
    },
  ];
}

import { Panel } from "@/components/layout/Panel";
import type { Metadata } from "next";
import Link from "next/link";
import { FollowUpTable } from "@/components/home/FollowUpTable";
import { PhysicianTable } from "@/components/home/PhysicianTable";
import { StatCard } from "@/components/home/StatCard";
import { QuestionsCard } from "@/components/home/QuestionsCard";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import { openQuestionsFor } from "@/lib/dal/records/adjudication";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayDate } from "@/lib/outcomes/dates";
import { formatCount, formatRateWithCi } from "@/lib/format/numbers";
import { clopperPearson } from "@/lib/stats";

export const metadata: Metadata = { title: "Home" };

const SCOPE_LINES = { own: "Your procedures and follow-up", sites: "Follow-up at your sites", all: "All physicians and sites" } as const;

/** Exact 95 % CI, or null when there is nothing to estimate from (n = 0). */
const exactCi = (events: number, n: number) => (n > 0 ? clopperPearson({ events, n, confLevel: 0.95 }) : null);

export default async function HomePage() {
  const me = await requirePrincipal();
  const [s, questions] = await Promise.all([getHomeSummary(me), openQuestionsFor(me)]);
  const complicationCi = s.proceduresWithComplication === null ? null : exactCi(s.proceduresWithComplication, s.procedures);
  const anyGradeCi = s.proceduresWithAnyGradeComplication === null ? null : exactCi(s.proceduresWithAnyGradeComplication, s.procedures);
  const followUpRows = s.followUp.map((f) => ({
    ...f,
    ci: exactCi(f.done, f.eligible),
    bySource: {
      clinic: { done: f.done - f.byPatient, ci: exactCi(f.done - f.byPatient, f.eligible) },
      patient: { done: f.byPatient, ci: exactCi(f.byPatient, f.eligible) },
    },
  }));
  const physicianRows = s.physicians?.map((p) => ({
    id: p.id,
    name: p.name,
    site: p.site,
    procedures: p.procedures,
    pendingReview: p.pendingReview,
    complications: { events: p.proceduresWithComplication, ci: exactCi(p.proceduresWithComplication, p.procedures) },
    anyGrade: { events: p.proceduresWithAnyGradeComplication, ci: exactCi(p.proceduresWithAnyGradeComplication, p.procedures) },
    followUp12m: { ...p.followUp12m, ci: exactCi(p.followUp12m.done, p.followUp12m.eligible) },
  }));

  return (
    <>
      <header className="page-header">
        <h1>{s.scope === "all" ? "Practice overview" : `Welcome, ${me.name}`}</h1>
        <p className="muted">
          {SCOPE_LINES[s.scope]} · {displayDate(s.today)}
        </p>
      </header>

      {questions.length > 0 && <QuestionsCard questions={questions} />}

      <div className="card-grid">
        <StatCard
          label={s.scope === "own" ? "My procedures" : s.scope === "sites" ? "Procedures at your sites" : "Procedures"}
          value={formatCount(s.procedures)}
          detail={`${formatCount(s.proceduresThisMonth)} this month · ${formatCount(s.patients)} patients`}
        />
        {s.proceduresWithComplication !== null && (
          <StatCard
            label="Procedures with a serious related complication"
            value={complicationCi ? formatRateWithCi(s.proceduresWithComplication, s.procedures, complicationCi) : "No procedures yet"}
            detail={
              <>
                Counted as {s.definition}, as on the outcomes and quality pages.
                <br />
                <strong>All grades:</strong>{" "}
                {anyGradeCi && s.proceduresWithAnyGradeComplication !== null
                  ? formatRateWithCi(s.proceduresWithAnyGradeComplication, s.procedures, anyGradeCi)
                  : "no procedures"}{" "}
                ({s.allGradeDefinition}; {formatCount(s.complicationReports ?? 0)} reports in all). {s.difference}
              </>
            }
          />
        )}
        <StatCard
          label="Follow-ups open now"
          value={`${formatCount(s.openFollowUps.overdue)} overdue`}
          detail={
            <>
              {formatCount(s.openFollowUps.due)} more due, inside their window · <Link href="/worklist">Open the worklist</Link>
            </>
          }
          tone={s.openFollowUps.overdue > 0 ? "warn" : undefined}
        />
        {s.pendingReview !== null && (
          <StatCard
            label="Complication reports awaiting adjudication"
            value={formatCount(s.pendingReview)}
            detail="Pending or waiting for more information"
            tone={s.pendingReview > 0 ? "warn" : undefined}
          />
        )}
      </div>

      <Panel id="followup-title" title="Follow-up completeness">
        <p className="muted small">
          Registries expect at least 80 % at 12 months. Exact (Clopper–Pearson) 95 % confidence intervals. By source: the share of the same procedures assessed
          at a clinic visit, and answered by the patient from an invitation link.
        </p>
        <FollowUpTable rows={followUpRows} />
      </Panel>

      {physicianRows && (
        <Panel id="physicians-title" title="Physicians">
          <PhysicianTable rows={physicianRows} definition={s.definition} allGradeDefinition={s.allGradeDefinition} />
        </Panel>
      )}
    </>
  );
}

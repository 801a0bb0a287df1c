import { describeNotExpected } from "@/lib/outcomes/followUpStatus";
import { FOLLOW_UP_TARGET } from "@/lib/outcomes/timepoints";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { MetricCard } from "@/components/outcomes/MetricCard";
import { VerdictBadge } from "@/components/outcomes/VerdictBadge";
import { formatCount, percentNumber, rateText } from "@/components/outcomes/format";
import { outcomeHeadline } from "@/lib/dal/outcomes/dashboard";
import { displayDate } from "@/lib/outcomes/dates";
import { mcidPreset } from "@/lib/outcomes/mcid";
import type { CardProps } from "@/components/outcomes/cardProps";
import { ScrollBox } from "@/components/table/ScrollBox";
import { OutOfWindowNotice } from "@/components/outcomes/OutOfWindowNotice";

export async function HeadlineCards({ me, filters, view }: CardProps) {
  const s = await outcomeHeadline(me, filters, view);
  const c = s.complications;
  const r = s.relief;
  const preset = mcidPreset(view.mcid);
  const resp = s.responders.find((x) => x.preset.id === view.mcid)?.result ?? null;
  const at = TIMEPOINT_LABELS[view.at].toLowerCase();
  const m12 = s.followUp.find((f) => f.timepoint === "month_12");
  const shownFollowUp = s.followUp.filter((f) => f.timepoint !== "baseline");

  if (s.procedures === 0) {
    return (
      <div className="card-grid outcome-cards">
        <MetricCard label="Procedures" value="0" basis="No procedures match these filters." />
      </div>
    );
  }

  return (
    <>
      <OutOfWindowNotice outOfWindow={s.outOfWindow} filters={filters} view={view} path="/outcomes" />
      <div className="card-grid outcome-cards">
        <MetricCard
          label="Procedures"
          value={formatCount(s.procedures)}
          detail={`${formatCount(s.patients)} ${s.patients === 1 ? "patient" : "patients"}`}
          basis={s.firstDate && s.lastDate ? `${displayDate(s.firstDate)} – ${displayDate(s.lastDate)}` : ""}
        />
        <MetricCard
          label="Time to relief"
          value={r.tooFew ? "Too few to estimate" : r.median === null ? "Median not reached" : `Median ${formatCount(r.median)} days`}
          detail={
            r.tooFew
              ? null
              : `95 % CI ${r.medianLower === null ? "not reached" : formatCount(r.medianLower)}–${r.medianUpper === null ? "not reached" : formatCount(r.medianUpper)} days`
          }
          basis={`n = ${formatCount(r.n)} (${formatCount(r.events)} relieved) · ${r.criterion.label}`}
          definition={<>Kaplan–Meier, censored at the last assessment. Relief: {r.criterion.description}, or a recorded patient-reported onset of relief.</>}
        />
        <MetricCard
          label={`Responders at ${at}`}
          value={resp ? `${percentNumber(resp.rate)} %` : "No pairs yet"}
          detail={resp ? `95 % CI ${percentNumber(resp.lower)}–${percentNumber(resp.upper)} %` : null}
          basis={
            resp
              ? `${formatCount(resp.responders)} / ${formatCount(resp.n)} patients with baseline and ${at} scores · ${preset.label}`
              : `No patient has both a baseline and a ${at} score · ${preset.label}`
          }
          definition="Exact (Clopper–Pearson) 95 % CI. Change the rule and the timepoint in the filters."
        />
        <MetricCard
          label="Complication rate"
          tone={c.verdict === "above" ? "alert" : c.verdict === "shown-below" ? "ok" : undefined}
          value={c.rate === null ? "—" : `${percentNumber(c.rate)} %`}
          detail={
            <>
              {rateText(c.events, c.procedures, c.rate === null ? null : { estimate: c.rate, lower: c.ciLower!, upper: c.ciUpper! })}
              <br />
              <VerdictBadge summary={c} compact />
              {!c.allGrade.sameAsDefinition && (
                <>
                  <br />
                  All grades: {rateText(c.allGrade.events, c.allGrade.procedures, c.allGrade.rate)}
                </>
              )}
            </>
          }
          basis={`procedures with ≥ 1 complication under the definition · ${c.shortDescription}`}
          definition={`${c.description}. ${c.allGrade.difference}`}
        />
        <MetricCard
          label="Follow-up completeness"
          wide
          tone={m12 && m12.rate && m12.rate.estimate < FOLLOW_UP_TARGET ? "warn" : undefined}
          value={
            m12?.rate ? (
              <>
                {percentNumber(m12.rate.estimate)} % at 12 months{" "}
                {m12.rate.estimate < FOLLOW_UP_TARGET ? (
                  <span className="badge warn">below the 80 % registries expect</span>
                ) : (
                  <span className="badge ok">meets the 80 % registries expect</span>
                )}
              </>
            ) : (
              "12 months: no window closed yet"
            )
          }
          detail={
            <ScrollBox labelledBy="follow-up-strip-caption">
              <table className="data-table compact follow-up-strip">
                <caption id="follow-up-strip-caption" className="visually-hidden">
                  Follow-up completeness by timepoint
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Timepoint</th>
                    {shownFollowUp.map((f) => (
                      <th key={f.timepoint} scope="col" className={`num${f.timepoint === "month_12" ? " highlight" : ""}`}>
                        {TIMEPOINT_LABELS[f.timepoint]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Done / due</th>
                    {shownFollowUp.map((f) => (
                      <td key={f.timepoint} className={`num${f.timepoint === "month_12" ? " highlight" : ""}`}>
                        {formatCount(f.done)} / {formatCount(f.eligible)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">% (95 % CI)</th>
                    {shownFollowUp.map((f) => (
                      <td key={f.timepoint} className={`num${f.timepoint === "month_12" ? " highlight" : ""}`}>
                        {f.rate ? (
                          <>
                            {percentNumber(f.rate.estimate)} %
                            <span className="ci">
                              {" "}
                              ({percentNumber(f.rate.lower)}–{percentNumber(f.rate.upper)})
                            </span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </ScrollBox>
          }
          basis={`Due = procedures still expected whose window for the timepoint has closed; exact (Clopper–Pearson) 95 % CI. Registries expect ≥ 80 % at 12 months.${
            m12 && describeNotExpected(m12.notExpected) ? ` At 12 months: ${describeNotExpected(m12.notExpected)}.` : ""
          }`}
        />
      </div>
    </>
  );
}

import { TIMEPOINT_LABELS } from "@/lib/labels";
import { VerdictBadge } from "@/components/outcomes/VerdictBadge";
import { formatCount, medianText, percentNumber, rateText, signed } from "@/components/outcomes/format";
import { outcomeHeadline, outcomePool } from "@/lib/dal/outcomes/dashboard";
import { SimpleTable } from "@/components/table/SimpleTable";
import type { HeadlineSummary } from "@/lib/outcomes/outcomeSummary";
import { mcidPreset } from "@/lib/outcomes/mcid";
import type { CardProps } from "@/components/outcomes/cardProps";

type Figure = { label: string; value: (s: HeadlineSummary) => React.ReactNode };

/** "My results vs the pool": the other physicians pooled, never named or counted one by one. */
export async function PoolCard({ me, filters, view }: CardProps) {
  const [mine, pool] = await Promise.all([outcomeHeadline(me, filters, view), outcomePool(me, filters, view)]);
  if (!pool) return null;
  const at = TIMEPOINT_LABELS[view.at].toLowerCase();
  const preset = mcidPreset(view.mcid);
  const figures: Figure[] = [
    { label: "Procedures", value: (s) => formatCount(s.procedures) },
    {
      label: "12-month follow-up",
      value: (s) => {
        const f = s.followUp.find((x) => x.timepoint === "month_12");
        return f?.rate ? rateText(f.done, f.eligible, f.rate) : "no window closed yet";
      },
    },
    {
      label: "Time to relief",
      value: (s) =>
        s.relief.tooFew
          ? `too few to estimate (n = ${s.relief.n})`
          : `${medianText(s.relief.median, s.relief.medianLower, s.relief.medianUpper)}, n = ${formatCount(s.relief.n)}`,
    },
    {
      label: `Responders at ${at} (${preset.label})`,
      value: (s) => {
        const r = s.responders.find((x) => x.preset.id === view.mcid)?.result;
        return r
          ? `${formatCount(r.responders)} / ${formatCount(r.n)} (${percentNumber(r.rate)} %, 95 % CI ${percentNumber(r.lower)}–${percentNumber(r.upper)} %)`
          : "no pairs";
      },
    },
    {
      label: `ODI change at ${at}`,
      value: (s) => {
        const c = s.change.find((x) => x.measure.key === "odi")?.change;
        return c
          ? `${signed(c.meanChange)} points${c.ciLower !== null ? ` (95 % CI ${signed(c.ciLower)} to ${signed(c.ciUpper)})` : ""}, n = ${formatCount(c.n)}`
          : "no pairs";
      },
    },
    {
      label: "Complication rate",
      value: (s) => {
        const c = s.complications;
        return c.rate === null ? "no procedures" : rateText(c.events, c.procedures, { estimate: c.rate, lower: c.ciLower!, upper: c.ciUpper! });
      },
    },
    { label: "Against 0.1 %", value: (s) => (s.procedures ? <VerdictBadge summary={s.complications} compact /> : "—") },
  ];
  const mineLabel = me.role === "physician" ? "You" : "This physician";
  return (
    <section className="panel outcome-section" aria-labelledby="pool-title">
      <h2 id="pool-title">{me.role === "physician" ? "My results vs the practice" : "This physician vs the rest of the practice"}</h2>
      <SimpleTable
        caption={`The rest of the practice: ${formatCount(pool.physicians)} other ${pool.physicians === 1 ? "physician" : "physicians"}, pooled (individual physicians are never shown), same filters and definitions`}
        columns={[
          { header: "Figure", rowHeader: true, cell: (f) => f.label },
          { header: mineLabel, cell: (f) => f.value(mine) },
          { header: "Rest of the practice (pooled)", cell: (f) => f.value(pool.summary) },
        ]}
        rows={figures}
        rowKey={(f) => f.label}
      />
      <p className="definition-line">
        Complications: {mine.complications.description}. Relief: {mine.relief.criterion.description}.
      </p>
    </section>
  );
}

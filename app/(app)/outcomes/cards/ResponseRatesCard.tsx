import type { CardProps } from "@/components/outcomes/cardProps";
import { formatCount, percentNumber } from "@/components/outcomes/format";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { getResponseRates, RESPONSE_RATE_DEFINITION, type ResponseRate, type ResponseRateRow } from "@/lib/dal/outcomes/responseRates";

const CHANNEL_LABELS = { email: "Email", letter: "Printed letter" } as const;

const rateText = (r: ResponseRate) => (r.ci ? `${percentNumber(r.ci.estimate)} % (95 % CI ${percentNumber(r.ci.lower)}–${percentNumber(r.ci.upper)} %)` : "—");

const COLUMNS: SimpleColumn<ResponseRateRow>[] = [
  { header: "Questionnaire", rowHeader: true, cell: (r) => (r.questionnaire === "diary" ? "Relief diary (days 1–14)" : TIMEPOINT_LABELS[r.questionnaire]) },
  { header: "Channel", cell: (r) => CHANNEL_LABELS[r.channel] },
  { header: "Answered / sent", num: true, cell: (r) => `${formatCount(r.answered)} / ${formatCount(r.sent)}` },
  { header: "Response rate (95 % CI)", num: true, cell: rateText },
];

/** How often patients answer their invitations, per questionnaire and channel: which channel to offer, where to call. */
export async function ResponseRatesCard({ me, filters }: CardProps) {
  const { rows, total } = await getResponseRates(me, filters);
  return (
    <section className="panel outcome-section" aria-labelledby="response-rates-title">
      <h2 id="response-rates-title">Patients answering from a link: response rates</h2>
      {rows.length === 0 ? (
        <p role="status">No invitation has been sent and settled for these procedures yet.</p>
      ) : (
        <>
          <p className="lead">
            <strong>Overall: {rateText(total)}</strong> · {formatCount(total.answered)} of {formatCount(total.sent)} invitations answered from their link
          </p>
          <SimpleTable
            caption="Response rates per questionnaire and channel (exact Clopper–Pearson 95 % CI)"
            columns={COLUMNS}
            rows={rows}
            rowKey={(r) => `${r.questionnaire}-${r.channel}`}
          />
        </>
      )}
      <p className="definition-line">
        n = {formatCount(total.sent)}. {RESPONSE_RATE_DEFINITION}
      </p>
    </section>
  );
}

import { BinaryRowsTable, LinearRowsTable, modelFacts, NotAdjusted } from "@/components/adjusted/RiskModelPanel";
import type { CardProps } from "@/components/outcomes/cardProps";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import type { RiskModel } from "@/lib/outcomes/riskModelFit";

function Part({ model, children, empty }: { model: RiskModel; children: React.ReactNode; empty: boolean }) {
  return (
    <div data-testid={`my-adjusted-${model.outcome}`}>
      <h3>{model.title}</h3>
      {model.status !== "fitted" ? (
        <NotAdjusted model={model} />
      ) : empty ? (
        <p className="muted">None of these procedures has this outcome recorded.</p>
      ) : (
        children
      )}
      <p className="muted small">Pooled model: {modelFacts(model)}.</p>
    </div>
  );
}

/**
 * One physician's own row of the risk-adjusted comparison (a physician sees only theirs; a quality officer the one
 * chosen): observed against the count expected for their patients under the model fitted on the whole practice.
 */
export async function AdjustedRowCard({ me, filters, view }: CardProps) {
  const a = await adjustedComparison(me, filters, view.mcid);
  return (
    <section className="panel outcome-section" aria-labelledby="my-adjusted-title">
      <h2 id="my-adjusted-title">Adjusted for case mix: observed against expected</h2>
      <p className="lead">
        The count expected for these patients (age, sex, risk factors, diagnosis, levels, prior treatment) from models fitted on the whole practice under these
        filters. O/E above 1: more than the case mix predicts.
      </p>
      <Part model={a.complication.model} empty={a.complication.rows.length === 0}>
        <BinaryRowsTable rows={a.complication.rows} caption="Complications under the definition: observed against expected (exact Poisson 95 % CI and p)" />
      </Part>
      <Part model={a.responder.model} empty={a.responder.rows.length === 0}>
        <BinaryRowsTable rows={a.responder.rows} caption="Responders at 12 months: observed against expected (exact Poisson 95 % CI and p)" />
      </Part>
      <Part model={a.odiChange.model} empty={a.odiChange.rows.length === 0}>
        <LinearRowsTable rows={a.odiChange.rows} caption="ODI change at 12 months: mean observed against mean expected (negative = better)" />
      </Part>
      <p className="definition-line">Complication definition: {a.complication.model.outcomeText}.</p>
    </section>
  );
}

import { RISK_FACTORS } from "@/db/enums";
import { RISK_FACTOR_LABELS } from "@/lib/labels";
import type { Patient } from "@/db/schema";

/** The risk factors present, named in words (never a colour alone); says so when none are recorded. */
export function RiskFactors({ patient }: { patient: Pick<Patient, (typeof RISK_FACTORS)[number]> }) {
  const present = RISK_FACTORS.filter((r) => patient[r]);
  if (present.length === 0) return <p className="muted risk-none">No risk factors recorded</p>;
  return (
    <ul className="risk-list" aria-label="Risk factors present">
      {present.map((r) => (
        <li key={r} className="risk-chip">
          {RISK_FACTOR_LABELS[r]}
        </li>
      ))}
    </ul>
  );
}

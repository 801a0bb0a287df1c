import type { AllGradeRate } from "@/lib/outcomes/outcomeSummary";
import { rateText } from "./format";

/**
 * The all-grade rate beside the like-for-like one, so neither hides the other, with the sentence that says
 * why the two counts differ. When the definition already counts every grade there is one count, and it says so.
 */
export function AllGradeBeside({ allGrade, className = "all-grade" }: { allGrade: AllGradeRate; className?: string }) {
  if (allGrade.sameAsDefinition) return <p className={`${className} muted small`}>{allGrade.difference}</p>;
  return (
    <div className={className} data-testid="all-grade-rate">
      <p>
        <strong>All grades:</strong> {rateText(allGrade.events, allGrade.procedures, allGrade.rate)}
      </p>
      <p className="muted small">
        Counted as {allGrade.description}. {allGrade.difference}
      </p>
    </div>
  );
}

import { ScoreTrendChart } from "@/components/charts/ScoreTrendChart";
import { describeChart, type MeasureChart } from "./scoreSeries";

/** The small multiples of the patient and procedure pages: one chart per measure, same layout everywhere. */
export function ScoreCharts({ charts }: { charts: MeasureChart[] }) {
  if (charts.every((c) => c.pointCount === 0)) return <p className="muted">No scores recorded yet.</p>;
  return (
    <div className="score-charts">
      {charts.map((c) => (
        <ScoreTrendChart
          key={c.measure.key}
          measure={c.measure}
          series={c.series}
          legend={c.legend}
          xDomain={c.xDomain}
          xTicks={c.xTicks}
          description={describeChart(c)}
        />
      ))}
    </div>
  );
}

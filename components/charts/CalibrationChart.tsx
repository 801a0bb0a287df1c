"use client";

import { CartesianGrid, ComposedChart, ErrorBar, Line, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { GRID, MUTED, OKABE_ITO, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Calibration of a risk model: each tenth of predicted risk as a point (mean predicted, observed rate) with the
 * observed rate's exact 95 % CI as an error bar, against the diagonal of perfect calibration. The page gives the
 * same figures as a table.
 */

export type CalibrationPoint = { tenth: number; predicted: number; observed: number; error: [number, number]; text: string };

function CalibrationTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: CalibrationPoint }[] }) {
  const p = payload?.find((x) => x.payload && "tenth" in x.payload)?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Tenth {p.tenth}</p>
      <p>{p.text}</p>
    </div>
  );
}

export function CalibrationChart({ points, description }: { points: CalibrationPoint[]; description: string }) {
  const top = Math.min(1, Math.max(0.05, ...points.map((p) => p.observed + p.error[1]), ...points.map((p) => p.predicted)) * 1.05);
  const diagonal = [
    { predicted: 0, diagonal: 0 },
    { predicted: top, diagonal: top },
  ];
  const pct = (v: number) => `${Math.round(v * 1000) / 10} %`;
  return (
    <ChartFigure className="calibration-chart" description={description}>
      <ComposedChart
        accessibilityLayer={false}
        responsive
        style={{ width: "100%", maxWidth: 420, height: 260 }}
        margin={{ top: 10, right: 16, bottom: 26, left: 10 }}
      >
        <CartesianGrid stroke={GRID} />
        <XAxis dataKey="predicted" type="number" domain={[0, top]} tickFormatter={pct} tick={{ fontSize: 11 }} label={xAxisTitle("Mean predicted")} />
        <YAxis type="number" domain={[0, top]} allowDataOverflow tickFormatter={pct} tick={{ fontSize: 11 }} width={52} label={yAxisTitle("Observed", 30)} />
        <Tooltip content={<CalibrationTooltip />} />
        <Line data={diagonal} dataKey="diagonal" stroke={MUTED} strokeDasharray="4 4" dot={false} isAnimationActive={false} legendType="none" />
        <Scatter data={points} dataKey="observed" fill={OKABE_ITO.blue} isAnimationActive={false}>
          <ErrorBar dataKey="error" width={4} stroke={OKABE_ITO.blue} direction="y" />
        </Scatter>
      </ComposedChart>
    </ChartFigure>
  );
}

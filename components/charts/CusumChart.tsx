"use client";

import { CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { GRID, OKABE_ITO, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Bernoulli CUSUM of one physician's procedures in date order: the score as a step line, each qualifying
 * complication as a marker, the signal threshold as a reference line and the first signal marked with its
 * date and procedure number. Draws the series it is given.
 */

export type CusumPoint = { index: number; date: string; score: number; event: 0 | 1 };

function CusumTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: CusumPoint & { dateText?: string } }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">
        Procedure {p.index.toLocaleString("en-GB")} · {p.dateText ?? p.date}
      </p>
      <p>CUSUM score {p.score.toFixed(3)}</p>
      {p.event === 1 && <p>Qualifying complication</p>}
    </div>
  );
}

export function CusumChart({
  series,
  threshold,
  firstSignal,
  procedures,
  description,
}: {
  series: (CusumPoint & { dateText: string })[];
  threshold: number;
  firstSignal: { index: number; dateText: string; score: number } | null;
  procedures: number;
  description: string;
}) {
  const events = series.filter((p) => p.event === 1);
  const yMax = Math.ceil(Math.max(threshold * 1.25, ...series.map((p) => p.score)) * 1.05 * 2) / 2;
  return (
    <ChartFigure className="cusum-chart" description={description}>
      <ComposedChart
        accessibilityLayer={false}
        responsive
        data={series}
        style={{ width: "100%", height: 300 }}
        margin={{ top: 20, right: 24, bottom: 26, left: 4 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="index"
          type="number"
          domain={[1, Math.max(2, procedures)]}
          tick={{ fontSize: 12 }}
          label={xAxisTitle("Procedure number (in date order)")}
        />
        <YAxis domain={[0, yMax]} allowDecimals tick={{ fontSize: 12 }} width={48} label={yAxisTitle("CUSUM score", 40, 8)} />
        <Tooltip content={<CusumTooltip />} />
        <ReferenceLine
          y={threshold}
          stroke={OKABE_ITO.vermillion}
          strokeDasharray="6 3"
          label={{ value: `signal threshold h = ${threshold}`, position: "insideTopRight", fill: OKABE_ITO.vermillion, fontSize: 12 }}
        />
        <Line dataKey="score" type="stepAfter" stroke={OKABE_ITO.blue} strokeWidth={1.8} dot={false} isAnimationActive={false} name="CUSUM score" />
        <Scatter data={events} dataKey="score" fill={OKABE_ITO.orange} shape="diamond" name="Complication" isAnimationActive={false} />
        {firstSignal && (
          <ReferenceDot
            x={firstSignal.index}
            y={firstSignal.score}
            r={7}
            fill="none"
            stroke={OKABE_ITO.vermillion}
            strokeWidth={2.5}
            label={{
              value: `first signal: procedure ${firstSignal.index.toLocaleString("en-GB")}, ${firstSignal.dateText}`,
              position: firstSignal.index < procedures / 2 ? "right" : "left",
              offset: 12,
              fill: "#1c2330",
              fontSize: 12,
              fontWeight: 600,
            }}
          />
        )}
      </ComposedChart>
    </ChartFigure>
  );
}

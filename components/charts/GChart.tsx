"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { GRID, OKABE_ITO, xAxisTitle, yAxisTitle } from "./palette";

/**
 * g-chart: for each qualifying complication, the number of procedures since the previous one. Rare events
 * read better this way than as monthly rates. The reference line is what the 0.1 % target implies (about
 * 1,000 procedures between events); bars well below it mean events closer together than the target allows.
 */

export type GChartBar = { event: number; date: string; dateText: string; between: number };

function GTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: GChartBar }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">
        Complication {p.event} · {p.dateText}
      </p>
      <p>{p.between.toLocaleString("en-GB")} procedures without one before it</p>
    </div>
  );
}

export function GChart({ bars, expectedBetween, description }: { bars: GChartBar[]; expectedBetween: number; description: string }) {
  const yMax = Math.max(expectedBetween * 1.1, ...bars.map((b) => b.between));
  // Log-like (symlog, so 0 is allowed): a run of 3 and the target's ~1,000 both stay readable.
  const ticks = [0, 1, 10, 100, 1000, 10000].filter((t) => t <= yMax * 1.5);
  return (
    <ChartFigure className="g-chart" description={description}>
      <BarChart accessibilityLayer={false} responsive data={bars} style={{ width: "100%", height: 260 }} margin={{ top: 20, right: 24, bottom: 26, left: 4 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="event" tick={{ fontSize: 12 }} label={xAxisTitle("Complication number (in date order)")} />
        <YAxis
          scale="symlog"
          domain={[0, Math.ceil(yMax)]}
          ticks={ticks}
          tickFormatter={(v: number) => v.toLocaleString("en-GB")}
          tick={{ fontSize: 12 }}
          width={56}
          label={yAxisTitle("Procedures between (log scale)", 80, 8)}
        />
        <Tooltip content={<GTooltip />} />
        <ReferenceLine
          y={expectedBetween}
          stroke={OKABE_ITO.black}
          strokeDasharray="6 3"
          label={{ value: `expected at 0.1 %: ~${expectedBetween.toLocaleString("en-GB")}`, position: "insideTopRight", fill: "#1c2330", fontSize: 12 }}
        />
        <Bar dataKey="between" fill={OKABE_ITO.sky} stroke={OKABE_ITO.blue} isAnimationActive={false} name="Procedures between complications" />
      </BarChart>
    </ChartFigure>
  );
}

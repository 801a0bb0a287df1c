"use client";

import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { DurabilityAt, DurabilityPoint } from "@/lib/outcomes/durability";
import { AtRiskTick } from "./AtRiskTick";
import { ChartFigure } from "./ChartFigure";
import { GRID, SERIES, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Freedom from subsequent lumbar surgery: the Kaplan–Meier proportion free as a step line with its 95 % CI band,
 * numbers at risk under 6, 12 and 24 months. Draws what the data layer computed (lib/outcomes/durability.ts).
 */

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)} %`);
type Row = { day: number; free: number; band: [number, number] | null; lower: number | null; upper: number | null; atRisk: number };

function DurabilityTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Row }[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Day {row.day} after the procedure</p>
      <p>
        {pct(row.free / 100)} free of subsequent surgery (95 % CI {pct(row.lower)}–{pct(row.upper)}) · at risk {row.atRisk.toLocaleString("en-GB")}
      </p>
    </div>
  );
}

export function DurabilityChart({ points, at, description }: { points: DurabilityPoint[]; at: DurabilityAt[]; description: string }) {
  const horizon = Math.max(730, Math.min(points[points.length - 1]?.day ?? 730, 1095));
  const data: Row[] = points
    .filter((p) => p.day <= horizon)
    .map((p) => ({
      day: p.day,
      free: p.free * 100,
      band: p.lower !== null && p.upper !== null ? [p.lower * 100, p.upper * 100] : null,
      lower: p.lower,
      upper: p.upper,
      atRisk: p.atRisk,
    }));
  const lowest = Math.min(...data.map((d) => d.band?.[0] ?? d.free));
  const floor = Math.max(0, Math.floor(lowest / 10) * 10 - 10);
  return (
    <ChartFigure
      className="durability-chart"
      description={description}
      caption="Step line: Kaplan–Meier proportion free of subsequent lumbar surgery; shaded band: its 95 % CI (log transform)."
    >
      <ComposedChart
        accessibilityLayer={false}
        responsive
        data={data}
        style={{ width: "100%", height: 300 }}
        margin={{ top: 18, right: 24, bottom: 22, left: 14 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="day"
          type="number"
          domain={[0, horizon]}
          ticks={[0, ...at.map((a) => a.day)]}
          interval={0}
          allowDataOverflow
          height={52}
          tick={<AtRiskTick counts={(day) => [at.find((a) => a.day === day)?.atRisk ?? null]} firstRowDy={30} />}
          label={xAxisTitle("Days since the procedure; numbers at risk below 6, 12 and 24 months", -12)}
        />
        <YAxis
          domain={[floor, 100]}
          tickFormatter={(v: number) => `${v} %`}
          tick={{ fontSize: 12 }}
          width={54}
          label={yAxisTitle("Free of subsequent surgery", 80)}
        />
        <Tooltip content={<DurabilityTooltip />} />
        <Area
          dataKey="band"
          type="stepAfter"
          stroke="none"
          fill={SERIES[0].color}
          fillOpacity={0.18}
          isAnimationActive={false}
          legendType="none"
          connectNulls
        />
        <Line dataKey="free" type="stepAfter" stroke={SERIES[0].color} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}

"use client";

import { centreLine, FunnelDot, FunnelPointTooltip, LIMIT_95_LINE, LIMIT_998_LINE } from "./funnelMarks";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { GRID, MUTED, OKABE_ITO, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Funnel plot: each physician's complication rate against their number of procedures (identical dots), with
 * exact binomial 95 % and 99.8 % limits around the chosen centre (the 0.1 % target or the pooled rate). The
 * target is always a labelled reference line; the pooled rate a second, quieter one. Points outside the
 * limits are drawn as larger triangles (shape, not only colour) and listed beside the chart by the page.
 */

export type FunnelPoint = { name: string; n: number; events: number; rate: number; outside: boolean; ciText: string };
export type FunnelLineData = { n: number; upper95: number; upper998: number; lower95: number; lower998: number };

const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;

type TooltipRow = FunnelPoint | (FunnelLineData & { name?: undefined });

function FunnelTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: TooltipRow }[] }) {
  const p = payload?.find((x) => x.payload && "name" in x.payload && x.payload.name)?.payload as FunnelPoint | undefined;
  if (!active) return null;
  if (p) return <FunnelPointTooltip name={p.name} text={p.ciText} outside={p.outside} />;
  const l = payload?.[0]?.payload as FunnelLineData | undefined;
  if (!l) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{l.n.toLocaleString("en-GB")} procedures</p>
      <p>95 % limit: up to {pct(l.upper95)}</p>
      <p>99.8 % limit: up to {pct(l.upper998)}</p>
    </div>
  );
}

export function FunnelPlotChart({
  points,
  lines,
  centreLabel,
  target,
  pooled,
  yMax,
  xMax,
  description,
}: {
  points: FunnelPoint[];
  lines: FunnelLineData[];
  centreLabel: string;
  target: number;
  pooled: number | null;
  yMax: number;
  xMax: number;
  description: string;
}) {
  const showLower = lines.some((l) => l.lower95 > 0);
  // Round tick steps (0.25, 0.5, 1, 2 … percentage points) so the axis reads 0.5 %, 1 %, 1.5 %, not 0.65 %, 1.30 %.
  const rawStep = (yMax * 100) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((x) => x >= rawStep) ?? 10 * magnitude) / 100;
  const yTicks = Array.from({ length: Math.floor(yMax / step + 1e-9) + 1 }, (_, i) => Number((i * step).toFixed(10)));
  const xRaw = xMax / 6;
  const xMag = 10 ** Math.floor(Math.log10(xRaw));
  const xStep = [1, 2, 2.5, 5, 10].map((m) => m * xMag).find((x) => x >= xRaw) ?? 10 * xMag;
  const xTicks = Array.from({ length: Math.floor(xMax / xStep + 1e-9) + 1 }, (_, i) => i * xStep);
  const digits = step * 100 < 0.1 ? 2 : step * 100 < 1 ? (Number.isInteger(step * 1000) ? 1 : 2) : 0;
  return (
    <ChartFigure className="funnel-chart" description={description}>
      <ComposedChart accessibilityLayer={false} responsive style={{ width: "100%", height: 380 }} margin={{ top: 22, right: 24, bottom: 26, left: 10 }}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          dataKey="n"
          type="number"
          domain={[0, xMax]}
          ticks={xTicks}
          allowDataOverflow
          tick={{ fontSize: 12 }}
          label={xAxisTitle("Procedures (number per physician)")}
        />
        <YAxis
          type="number"
          domain={[0, yMax]}
          ticks={yTicks}
          allowDataOverflow
          tickFormatter={(v: number) => `${(v * 100).toFixed(digits)} %`}
          tick={{ fontSize: 12 }}
          width={64}
          label={yAxisTitle("Procedures with a complication (%)", 100)}
        />
        <Tooltip content={<FunnelTooltip />} />
        <Legend verticalAlign="top" height={30} wrapperStyle={{ fontSize: 12 }} />
        <ReferenceLine {...centreLine(target, "0.1 % target")} />
        {pooled !== null && (
          <ReferenceLine
            y={pooled}
            stroke={MUTED}
            strokeDasharray="2 4"
            label={{ value: `practice ${pct(pooled)}`, position: "insideBottomRight", fill: MUTED, fontSize: 11 }}
            ifOverflow="discard"
          />
        )}
        <Line data={lines} dataKey="upper95" name={`95 % limits (${centreLabel})`} type="linear" {...LIMIT_95_LINE} />
        <Line data={lines} dataKey="upper998" name={`99.8 % limits (${centreLabel})`} type="linear" {...LIMIT_998_LINE} />
        {showLower && <Line data={lines} dataKey="lower95" legendType="none" type="linear" {...LIMIT_95_LINE} />}
        {showLower && <Line data={lines} dataKey="lower998" legendType="none" type="linear" {...LIMIT_998_LINE} />}
        <Scatter data={points} dataKey="rate" name="Physician" shape={FunnelDot} isAnimationActive={false} fill={OKABE_ITO.blue} />
      </ComposedChart>
    </ChartFigure>
  );
}

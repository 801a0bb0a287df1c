"use client";

import { centreLine, FunnelDot, FunnelPointTooltip, LIMIT_95_LINE, LIMIT_998_LINE } from "./funnelMarks";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure";
import { GRID, OKABE_ITO, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Risk-adjusted funnel plot: each physician's observed/expected ratio (O/E) against their expected count, with
 * the exact Poisson 95 % and 99.8 % limits around 1 ("as the pooled model expects"). Points outside the limits
 * are drawn as larger triangles (shape, not only colour) and listed in the table beside the chart by the page.
 */

export type AdjustedFunnelPoint = { name: string; expected: number; ratio: number; outside: boolean; text: string };
export type AdjustedFunnelLine = { expected: number; upper95: number; upper998: number; lower95: number; lower998: number };

function AdjustedTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: AdjustedFunnelPoint | AdjustedFunnelLine }[] }) {
  if (!active) return null;
  const p = payload?.find((x) => x.payload && "name" in x.payload)?.payload as AdjustedFunnelPoint | undefined;
  if (p) return <FunnelPointTooltip name={p.name} text={p.text} outside={p.outside} />;
  const l = payload?.[0]?.payload as AdjustedFunnelLine | undefined;
  if (!l) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{l.expected.toFixed(1)} expected</p>
      <p>
        95 % limits: O/E {l.lower95.toFixed(2)}–{l.upper95.toFixed(2)}
      </p>
      <p>
        99.8 % limits: O/E {l.lower998.toFixed(2)}–{l.upper998.toFixed(2)}
      </p>
    </div>
  );
}

export function AdjustedFunnelChart({
  points,
  lines,
  xLabel,
  description,
}: {
  points: AdjustedFunnelPoint[];
  lines: AdjustedFunnelLine[];
  xLabel: string;
  description: string;
}) {
  const xMax = Math.max(1, ...lines.map((l) => l.expected), ...points.map((p) => p.expected));
  // Cap the y-axis so a tiny expected count's huge upper limit does not flatten everything else.
  const yMax = Math.min(6, Math.max(2, ...points.map((p) => p.ratio * 1.15)));
  const visible = lines.map((l) => ({ ...l, upper95: Math.min(l.upper95, yMax), upper998: Math.min(l.upper998, yMax) }));
  return (
    <ChartFigure className="funnel-chart" description={description}>
      <ComposedChart accessibilityLayer={false} responsive style={{ width: "100%", height: 340 }} margin={{ top: 22, right: 24, bottom: 26, left: 10 }}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          dataKey="expected"
          type="number"
          domain={[0, Math.ceil(xMax)]}
          allowDataOverflow
          tick={{ fontSize: 12 }}
          tickFormatter={(v: number) => v.toFixed(v < 10 ? 1 : 0)}
          label={xAxisTitle(xLabel)}
        />
        <YAxis
          type="number"
          domain={[0, yMax]}
          allowDataOverflow
          tickFormatter={(v: number) => v.toFixed(1)}
          tick={{ fontSize: 12 }}
          width={48}
          label={yAxisTitle("Observed / expected", 70)}
        />
        <Tooltip content={<AdjustedTooltip />} />
        <Legend verticalAlign="top" height={30} wrapperStyle={{ fontSize: 12 }} />
        <ReferenceLine {...centreLine(1, "as expected (O/E = 1)")} />
        <Line data={visible} dataKey="upper95" name="95 % limits" type="stepAfter" {...LIMIT_95_LINE} />
        <Line data={visible} dataKey="upper998" name="99.8 % limits" type="stepAfter" {...LIMIT_998_LINE} />
        <Line data={visible} dataKey="lower95" legendType="none" type="stepAfter" {...LIMIT_95_LINE} />
        <Line data={visible} dataKey="lower998" legendType="none" type="stepAfter" {...LIMIT_998_LINE} />
        <Scatter data={points} dataKey="ratio" name="Physician" shape={FunnelDot} isAnimationActive={false} fill={OKABE_ITO.blue} />
      </ComposedChart>
    </ChartFigure>
  );
}

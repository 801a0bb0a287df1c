"use client";

import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ReliefCurve } from "@/lib/outcomes/outcomeSummary";
import { AtRiskTick } from "./AtRiskTick";
import { ChartFigure } from "./ChartFigure";
import { GRID, MUTED, SERIES, xAxisTitle, yAxisTitle } from "./palette";

/**
 * Time to symptom relief: the Kaplan–Meier cumulative proportion relieved (1 − S) as a step line with its
 * 95 % CI band, numbers at risk under the axis, the median marked with a dashed guide. Draws the curves it
 * is given (computed by lib/stats in the data layer); with two groups, both are drawn and told apart by
 * colour and dash.
 */

const TICKS = [0, 14, 42, 91, 182, 365, 730];
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)} %`);

type Row = { day: number } & Record<string, number | [number, number] | null>;

/** The step functions on one shared day axis (carry each curve's last value forward), so a tooltip shows every group at a day. */
function mergeCurves(curves: ReliefCurve[], horizon: number): Row[] {
  const days = new Set<number>([0, horizon]);
  for (const c of curves) for (const p of c.points) if (p.day <= horizon) days.add(p.day);
  const sorted = [...days].sort((a, b) => a - b);
  const cursor = curves.map(() => -1);
  return sorted.map((day) => {
    const row: Row = { day };
    curves.forEach((c, k) => {
      while (cursor[k] + 1 < c.points.length && c.points[cursor[k] + 1].day <= day) cursor[k]++;
      const p = cursor[k] >= 0 ? c.points[cursor[k]] : null;
      const exact = p !== null && p.day === day;
      row[`r${k}`] = p ? p.relieved * 100 : 0;
      row[`band${k}`] = p && p.lower !== null && p.upper !== null ? [p.lower * 100, p.upper * 100] : null;
      row[`n${k}`] = exact ? p.atRisk : null;
      row[`e${k}`] = exact ? p.events : null;
      row[`c${k}`] = exact ? p.censored : null;
      row[`lo${k}`] = p?.lower ?? null;
      row[`hi${k}`] = p?.upper ?? null;
    });
    return row;
  });
}

type TooltipProps = { active?: boolean; payload?: readonly { payload?: Row }[]; curves: ReliefCurve[] };

function ReliefTooltip({ active, payload, curves }: TooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Day {row.day} after the procedure</p>
      {curves.map((c, k) => (
        <p key={c.label}>
          {curves.length > 1 && <strong>{c.label}: </strong>}
          {pct((row[`r${k}`] as number) / 100)} relieved (95 % CI {pct(row[`lo${k}`] as number | null)}–{pct(row[`hi${k}`] as number | null)})
          {row[`n${k}`] !== null && (
            <span className="muted">
              {" "}
              · at risk {row[`n${k}`] as number}, relieved {row[`e${k}`] as number}, censored {row[`c${k}`] as number}
            </span>
          )}
        </p>
      ))}
    </div>
  );
}

export function ReliefCurveChart({ curves, horizon, description }: { curves: ReliefCurve[]; horizon: number; description: string }) {
  const data = mergeCurves(curves, horizon);
  const ticks = TICKS.filter((t) => t <= horizon);
  const several = curves.length > 1;
  const axisHeight = 40 + 15 * curves.length;
  return (
    <ChartFigure
      className="relief-chart"
      description={description}
      caption="Step line: cumulative share relieved (1 − Kaplan–Meier survival); shaded band: its 95 % CI; dashed vertical line: the median; thick bar on the 50 % line: the median's 95 % CI."
    >
      <ComposedChart
        accessibilityLayer={false}
        responsive
        data={data}
        style={{ width: "100%", height: 300 + 15 * curves.length }}
        margin={{ top: 18, right: 24, bottom: 22, left: 14 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="day"
          type="number"
          scale="sqrt"
          domain={[0, horizon]}
          ticks={ticks}
          interval={0}
          allowDataOverflow
          height={axisHeight}
          tick={<AtRiskTick counts={(day) => curves.map((c) => c.atRisk.find((a) => a.day === day)?.atRisk ?? 0)} firstRowDy={32} />}
          label={xAxisTitle(
            // Short enough for a phone: the rows under the days are labelled "at risk" on the axis itself.
            "Days since the procedure (√ scale)",
            -12,
          )}
        />
        <YAxis
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(v: number) => `${v} %`}
          tick={{ fontSize: 12 }}
          width={54}
          label={yAxisTitle("Relieved (cumulative %)", 70)}
        />
        <Tooltip content={<ReliefTooltip curves={curves} />} />
        {several && <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />}
        <ReferenceLine y={50} stroke={MUTED} strokeDasharray="4 4" />
        {curves.map((c, k) =>
          c.median !== null && c.median <= horizon ? (
            <ReferenceLine
              key={`m${k}`}
              x={c.median}
              stroke={SERIES[k % SERIES.length].color}
              strokeDasharray="4 4"
              label={{
                value: `median ${c.median} d`,
                position: k === 0 ? "insideTopLeft" : "insideBottomRight",
                fill: SERIES[k % SERIES.length].color,
                fontSize: 12,
              }}
            />
          ) : null,
        )}
        {curves.map((c, k) =>
          c.medianLower !== null && c.medianLower <= horizon ? (
            // The median's 95 % CI as a thick bar on the 50 % line (to the horizon when its upper limit is not reached).
            <ReferenceLine
              key={`mci${k}`}
              segment={[
                { x: c.medianLower, y: 50 + 1.6 * k },
                { x: Math.min(c.medianUpper ?? horizon, horizon), y: 50 + 1.6 * k },
              ]}
              stroke={SERIES[k % SERIES.length].color}
              strokeWidth={4}
              strokeOpacity={0.55}
            />
          ) : null,
        )}
        {curves.map((c, k) => (
          <Area
            key={`band${k}`}
            dataKey={`band${k}`}
            type="stepAfter"
            stroke="none"
            fill={SERIES[k % SERIES.length].color}
            fillOpacity={several ? 0.12 : 0.18}
            isAnimationActive={false}
            legendType="none"
            name={`${c.label} 95 % CI`}
            connectNulls
          />
        ))}
        {curves.map((c, k) => (
          <Line
            key={`line${k}`}
            dataKey={`r${k}`}
            type="stepAfter"
            stroke={SERIES[k % SERIES.length].color}
            strokeDasharray={SERIES[k % SERIES.length].dash}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            name={`${c.label} (n = ${c.n.toLocaleString("en-GB")})`}
          />
        ))}
      </ComposedChart>
    </ChartFigure>
  );
}

"use client";

import { CartesianGrid, ErrorBar, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { GRID, MUTED, SERIES } from "./palette";

/**
 * One score over the follow-up schedule: mean and 95 % CI at each timepoint, n under each timepoint. A second
 * series (e.g. the pooled practice) is drawn dashed with square markers. Draws what it is given.
 */

export type TrajectoryPointData = { timepoint: string; label: string; n: number; mean: number; ciLower: number | null; ciUpper: number | null };
export type TrajectorySeriesData = { label: string; points: TrajectoryPointData[] };

type Row = { label: string } & Record<string, number | string | [number, number] | null>;

type AxisEntry = { timepoint: string; label: string; full?: string };

function rows(series: TrajectorySeriesData[], order: AxisEntry[]): Row[] {
  return order.map(({ timepoint, label, full }) => {
    const row: Row = { label, full: full ?? label };
    series.forEach((s, k) => {
      const p = s.points.find((x) => x.timepoint === timepoint);
      row[`m${k}`] = p ? p.mean : null;
      row[`n${k}`] = p ? p.n : null;
      row[`lo${k}`] = p?.ciLower ?? null;
      row[`hi${k}`] = p?.ciUpper ?? null;
      row[`err${k}`] = p && p.ciLower !== null && p.ciUpper !== null ? [p.mean - p.ciLower, p.ciUpper - p.mean] : null;
    });
    return row;
  });
}

const fmt = (x: unknown) => (typeof x === "number" ? x.toFixed(1) : "—");

function TrajectoryTooltip({
  active,
  payload,
  series,
  unit,
}: {
  active?: boolean;
  payload?: readonly { payload?: Row }[];
  series: TrajectorySeriesData[];
  unit: string;
}) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{row.full as string}</p>
      {series.map((s, k) =>
        row[`m${k}`] === null ? null : (
          <p key={s.label}>
            {series.length > 1 && <strong>{s.label}: </strong>}
            mean {fmt(row[`m${k}`])} {unit} (95 % CI {fmt(row[`lo${k}`])} to {fmt(row[`hi${k}`])}), n = {(row[`n${k}`] as number).toLocaleString("en-GB")}
          </p>
        ),
      )}
    </div>
  );
}

/** n under each timepoint, compact (7.3k) so eight of them fit under a small chart; exact n is in the tooltip and table. */
const compactN = (n: number) => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

function NTick({ x, y, payload, data }: { x?: number; y?: number; payload?: { value: string; index: number }; data: Row[] }) {
  if (x === undefined || y === undefined || !payload) return null;
  const row = data[payload.index];
  const n = row?.n0;
  return (
    <g transform={`translate(${x},${y})`}>
      <text x={0} y={0} dy={12} textAnchor="middle" fontSize={11} fill="#1c2330">
        {payload.value}
      </text>
      <text x={0} y={0} dy={26} textAnchor="middle" fontSize={10} fill={MUTED}>
        {typeof n === "number" ? compactN(n) : "0"}
      </text>
      {payload.index === 0 && (
        <text x={-16} y={0} dy={26} textAnchor="end" fontSize={10} fill={MUTED}>
          n
        </text>
      )}
    </g>
  );
}

export function TrajectoryChart({
  title,
  unit,
  better,
  series,
  order,
  domain,
  ticks,
  description,
}: {
  title: string;
  unit: string;
  better: "lower" | "higher";
  series: TrajectorySeriesData[];
  order: AxisEntry[];
  domain: [number, number | "auto"];
  ticks?: number[];
  description: string;
}) {
  const data = rows(series, order);
  const several = series.length > 1;
  return (
    <figure className="chart trajectory-chart">
      <figcaption className="chart-title">
        {title} <span className="muted small">· {better === "lower" ? "lower is better" : "higher is better"}</span>
      </figcaption>
      <div role="img" aria-label={description}>
        <LineChart accessibilityLayer={false} responsive data={data} style={{ width: "100%", height: 230 }} margin={{ top: 8, right: 24, bottom: 22, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" interval={0} height={36} tick={<NTick data={data} />} />
          <YAxis
            domain={domain}
            ticks={ticks}
            tick={{ fontSize: 11 }}
            width={44}
            label={{ value: unit, angle: -90, position: "insideLeft", offset: 10, dy: 40, fill: MUTED, fontSize: 11 }}
          />
          <Tooltip content={<TrajectoryTooltip series={series} unit={unit.split(" ")[0]} />} />
          {several && <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, k) => (
            <Line
              key={s.label}
              dataKey={`m${k}`}
              name={s.label}
              stroke={SERIES[k % SERIES.length].color}
              strokeDasharray={SERIES[k % SERIES.length].dash}
              strokeWidth={2}
              dot={{ r: 3, fill: SERIES[k % SERIES.length].color }}
              isAnimationActive={false}
              connectNulls
            >
              <ErrorBar dataKey={`err${k}`} width={4} strokeWidth={1.2} stroke={SERIES[k % SERIES.length].color} direction="y" />
            </Line>
          ))}
        </LineChart>
      </div>
    </figure>
  );
}

"use client";

import { SimpleTable } from "@/components/table/SimpleTable";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { MeasureInfo, ScorePoint, ScoreSeries } from "@/components/records/scoreSeries";

/**
 * One outcome measure over time: days since the procedure on x, the score on y, the baseline as a dashed
 * reference line. Draws what it is given (series are built by the page); the table under "Show as table"
 * carries the same numbers for anyone who cannot use the chart.
 */

// Okabe–Ito, colour-blind safe; a second procedure also differs by dash and marker, never by colour alone.
const SERIES_STYLES = [
  { color: "#0072B2", dash: undefined, dot: "circle" },
  { color: "#D55E00", dash: "6 3", dot: "square" },
  { color: "#009E73", dash: "2 3", dot: "diamond" },
  { color: "#CC79A7", dash: "8 3 2 3", dot: "circle" },
] as const;
const BASELINE_COLOR = "#556070";

const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${Math.abs(x)}` : "0");

function withUnit(value: number, unit: string) {
  return unit ? `${value} ${unit}` : String(value);
}

/** A change in ODI is in percentage points, not per cent. */
function changeText(change: number, unit: string) {
  return `${signed(change)}${unit === "%" ? " points" : unit ? ` ${unit}` : ""}`;
}

/**
 * Recharts finds the hovered point through the chart's own rows, so each point becomes one row keyed by its
 * series: `v0` is series 0's value, `p0` its point. Rows of other series leave a line's value empty and
 * `connectNulls` carries the line across them. (Reshaping only; every number comes ready-made.)
 */
type Row = { day: number } & Record<string, number | ScorePoint | undefined>;

function rowsOf(series: ScoreSeries[]): Row[] {
  return series.flatMap((s, i) => s.points.map((p) => ({ day: p.day, [`v${i}`]: p.value, [`p${i}`]: p }) as Row)).sort((a, b) => a.day - b.day);
}

type TooltipEntry = { payload?: Row; name?: string | number; dataKey?: unknown; value?: unknown };

function PointTooltip({ active, payload, measure, several }: { active?: boolean; payload?: readonly TooltipEntry[]; measure: MeasureInfo; several: boolean }) {
  if (!active || !payload) return null;
  const shown = payload.filter((e) => e.value !== undefined && e.value !== null && typeof e.dataKey === "string");
  if (shown.length === 0) return null;
  return (
    <div className="chart-tooltip">
      {shown.map((e) => {
        const p = e.payload?.[`p${String(e.dataKey).slice(1)}`] as ScorePoint | undefined;
        if (!p) return null;
        return (
          <div key={String(e.dataKey)}>
            {several && <p className="muted">{e.name}</p>}
            <p className="chart-tooltip-title">
              {p.timepoint} · {p.date}
            </p>
            <p>{p.day < 0 ? `${-p.day} days before` : `Day ${p.day} after`} the procedure</p>
            <p>
              <strong>
                {measure.title}: {withUnit(p.value, measure.unit)}
              </strong>
            </p>
            {p.change !== null && <p>Change from baseline: {changeText(p.change, measure.unit)}</p>}
          </div>
        );
      })}
    </div>
  );
}

function BaselineSample({ color }: { color: string }) {
  return (
    <svg width="18" height="6" aria-hidden="true" className="legend-sample">
      <line x1="0" y1="3" x2="18" y2="3" stroke={color} strokeWidth="1.5" strokeDasharray="4 3" />
    </svg>
  );
}

function SeriesSample({ style }: { style: (typeof SERIES_STYLES)[number] }) {
  return (
    <svg width="26" height="10" aria-hidden="true" className="legend-sample">
      <line x1="0" y1="5" x2="26" y2="5" stroke={style.color} strokeWidth="2" strokeDasharray={style.dash} />
      {marker(style.dot, style.color, 13, 5)}
    </svg>
  );
}

/** The marker of a series: a plain function (not a component), so recharts can call it for every point. */
function marker(shape: (typeof SERIES_STYLES)[number]["dot"], color: string, cx: number | undefined, cy: number | undefined, key?: number) {
  if (cx === undefined || cy === undefined || cx === null || cy === null) return <g key={key} />;
  if (shape === "square") return <rect key={key} x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill={color} />;
  if (shape === "diamond") return <path key={key} d={`M${cx} ${cy - 4.5}L${cx + 4.5} ${cy}L${cx} ${cy + 4.5}L${cx - 4.5} ${cy}Z`} fill={color} />;
  return <circle key={key} cx={cx} cy={cy} r={3.5} fill={color} />;
}

export function ScoreTrendChart({
  measure,
  series,
  legend,
  xDomain,
  xTicks,
  description,
}: {
  measure: MeasureInfo;
  series: ScoreSeries[];
  /** name each line (the page shows several procedures) */
  legend: boolean;
  xDomain: [number, number];
  xTicks: number[];
  description: string;
}) {
  const titleId = `chart-${measure.key}-title`;
  const several = legend;
  const styleOf = (s: ScoreSeries) => SERIES_STYLES[s.index % SERIES_STYLES.length]!;

  return (
    <figure className="score-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <span className="score-chart-title">{measure.title}</span>
        <span className="score-chart-subtitle muted small">
          {measure.better === "lower" ? "Lower is better" : "Higher is better"}
          {!several &&
            series[0] &&
            (series[0].baseline === null ? (
              " · no baseline recorded"
            ) : (
              <>
                {" "}
                · <BaselineSample color={BASELINE_COLOR} /> baseline {withUnit(series[0].baseline, measure.unit)}
              </>
            ))}
        </span>
        {several && (
          // The legend names each procedure by its line (colour, dash and marker) and gives its baseline.
          <ul className="score-chart-legend small">
            {series.map((s) => {
              const style = styleOf(s);
              return (
                <li key={s.id}>
                  <SeriesSample style={style} /> {s.label}
                  <span className="muted">
                    {" · "}
                    {s.baseline === null ? (
                      "no baseline"
                    ) : (
                      <>
                        <BaselineSample color={style.color} /> baseline {withUnit(s.baseline, measure.unit)}
                      </>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </figcaption>
      {series.length === 0 ? (
        <p className="muted small score-chart-empty">No scores recorded.</p>
      ) : (
        <>
          <div role="img" aria-label={description}>
            <LineChart
              data={rowsOf(series)}
              accessibilityLayer={false}
              responsive
              style={{ width: "100%", height: 190 }}
              margin={{ top: 8, right: 12, bottom: 18, left: 0 }}
            >
              <CartesianGrid stroke="#e6e9ef" vertical={false} />
              <XAxis
                type="number"
                dataKey="day"
                domain={xDomain}
                ticks={xTicks}
                allowDecimals={false}
                tick={{ fontSize: 11, fill: "#556070" }}
                label={{ value: "Days since procedure", position: "insideBottom", offset: -10, fontSize: 11, fill: "#556070" }}
                padding={{ left: 8, right: 8 }}
              />
              <YAxis
                type="number"
                domain={measure.domain}
                allowDecimals={measure.domain[1] !== 10}
                tick={{ fontSize: 11, fill: "#556070" }}
                width={44}
                label={{
                  value: measure.axisLabel,
                  angle: -90,
                  position: "insideLeft",
                  offset: 10,
                  fontSize: 11,
                  fill: "#556070",
                  style: { textAnchor: "middle" },
                }}
              />
              <Tooltip
                content={(props) => (
                  <PointTooltip active={props.active} payload={props.payload as readonly TooltipEntry[] | undefined} measure={measure} several={several} />
                )}
              />
              {series.map((s) =>
                s.baseline === null ? null : (
                  <ReferenceLine
                    key={`baseline-${s.id}`}
                    y={s.baseline}
                    stroke={several ? styleOf(s).color : BASELINE_COLOR}
                    strokeDasharray="4 4"
                    strokeOpacity={0.7}
                    strokeWidth={1}
                    ifOverflow="extendDomain"
                  />
                ),
              )}
              {series.map((s, i) => {
                const style = styleOf(s);
                return (
                  <Line
                    key={s.id}
                    dataKey={`v${i}`}
                    connectNulls
                    name={s.label}
                    type="linear"
                    stroke={style.color}
                    strokeWidth={2}
                    strokeDasharray={style.dash}
                    dot={(props: { cx?: number; cy?: number; index?: number }) => marker(style.dot, style.color, props.cx, props.cy, props.index)}
                    activeDot={{ r: 5 }}
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          </div>
          <details className="chart-table">
            <summary>Show as table</summary>
            <SimpleTable
              caption={`${measure.title} by assessment`}
              hiddenCaption
              columns={[
                { header: "Procedure", when: several, cell: (r) => r.series.label },
                { header: "Timepoint", cell: (r) => r.point.timepoint },
                { header: "Date", className: "nowrap", cell: (r) => r.point.date },
                { header: "Day", num: true, cell: (r) => r.point.day },
                { header: measure.axisLabel, num: true, cell: (r) => r.point.value },
                { header: "Change", num: true, cell: (r) => (r.point.change === null ? "—" : signed(r.point.change)) },
              ]}
              rows={series.flatMap((s) => s.points.map((point) => ({ series: s, point })))}
              rowKey={(r) => `${r.series.id}-${r.point.day}-${r.point.timepoint}`}
              className="compact"
            />
          </details>
        </>
      )}
    </figure>
  );
}

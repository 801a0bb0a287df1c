import { OKABE_ITO } from "./palette";

/** The control limits' lines of both funnel charts: 95 % solid orange, 99.8 % dashed vermillion. */
export const LIMIT_95_LINE = { stroke: OKABE_ITO.orange, strokeWidth: 1.5, dot: false, isAnimationActive: false } as const;
export const LIMIT_998_LINE = { ...LIMIT_95_LINE, stroke: OKABE_ITO.vermillion, strokeDasharray: "6 3" } as const;

/**
 * A funnel plot's point: a blue circle within the limits, a vermillion triangle outside them (shape as well as
 * colour, so the difference survives grey printing and colour blindness). Used by both funnel charts.
 */
export function FunnelDot(props: { cx?: number; cy?: number; payload?: { outside: boolean } }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload) return <g />;
  if (payload.outside) {
    return <path d={`M${cx} ${cy - 7}L${cx + 6.5} ${cy + 5}L${cx - 6.5} ${cy + 5}Z`} fill={OKABE_ITO.vermillion} stroke="#fff" strokeWidth={1} />;
  }
  return <circle cx={cx} cy={cy} r={5} fill={OKABE_ITO.blue} stroke="#fff" strokeWidth={1} />;
}

/** A physician's tooltip in both funnel charts: who, their figure with its interval, and which side of the limits. */
export function FunnelPointTooltip({ name, text, outside }: { name: string; text: string; outside: boolean }) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{name}</p>
      <p>{text}</p>
      <p className="muted">{outside ? "Outside the limits" : "Within the limits"}</p>
    </div>
  );
}

/** The centre line of both funnel charts (O/E = 1, or the target rate), labelled at its left end. */
export function centreLine(y: number, label: string) {
  return {
    y,
    stroke: OKABE_ITO.black,
    strokeWidth: 1.5,
    label: { value: label, position: "insideTopLeft", dx: 40, fill: "#1c2330", fontSize: 12 },
  } as const;
}

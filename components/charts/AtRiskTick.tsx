import { MUTED, SERIES } from "./palette";

type TickProps = { x?: number; y?: number; payload?: { value: number; index: number } };

/**
 * A day on a Kaplan–Meier chart's axis with the numbers at risk under it: one row per curve in the curve's colour
 * (none where `counts` gives null), and "at risk" before the first tick. `firstRowDy` places the first row.
 */
export function AtRiskTick({ x, y, payload, counts, firstRowDy }: TickProps & { counts: (day: number) => (number | null)[]; firstRowDy: number }) {
  if (x === undefined || y === undefined || !payload) return null;
  return (
    <g transform={`translate(${x},${y})`}>
      <text x={0} y={0} dy={12} textAnchor="middle" fontSize={12} fill="#1c2330">
        {payload.value}
      </text>
      {counts(payload.value).map(
        (count, k) =>
          count !== null && (
            <text key={k} x={0} y={0} dy={firstRowDy + 15 * k} textAnchor="middle" fontSize={11} fill={SERIES[k % SERIES.length].color} fontWeight={600}>
              {count.toLocaleString("en-GB")}
            </text>
          ),
      )}
      {payload.index === 0 && (
        <text x={-24} y={0} dy={firstRowDy} textAnchor="end" fontSize={11} fill={MUTED}>
          at risk
        </text>
      )}
    </g>
  );
}

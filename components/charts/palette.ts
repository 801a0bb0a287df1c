/** Okabe–Ito, colour-blind safe; series also differ by dash or marker, never by colour alone. */
export const OKABE_ITO = {
  blue: "#0072B2",
  vermillion: "#D55E00",
  green: "#009E73",
  purple: "#CC79A7",
  orange: "#E69F00",
  sky: "#56B4E9",
  yellow: "#F0E442",
  black: "#000000",
} as const;

export const SERIES = [
  { color: OKABE_ITO.blue, dash: undefined },
  { color: OKABE_ITO.vermillion, dash: "6 3" },
  { color: OKABE_ITO.green, dash: "2 3" },
  { color: OKABE_ITO.purple, dash: "8 3 2 3" },
  { color: OKABE_ITO.orange, dash: "4 2" },
] as const;

export const MUTED = "#556070";
export const GRID = "#e3e7ed";

/** An x axis's title under its ticks; a chart with a row of numbers at risk under the ticks sits it a little higher. */
export const xAxisTitle = (value: string, offset = -14) => ({ value, position: "insideBottom" as const, offset, fill: MUTED, fontSize: 12 });

/** A y axis's title up the left edge; `dy` moves it down to centre it beside the plot (a longer title, further). */
export const yAxisTitle = (value: string, dy: number, offset = 0) => ({
  value,
  angle: -90,
  position: "insideLeft" as const,
  offset,
  dy,
  fill: MUTED,
  fontSize: 12,
});

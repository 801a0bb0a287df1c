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

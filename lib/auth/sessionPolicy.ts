/** How long a session may live regardless of activity (hours); configurable with SESSION_MAX_HOURS. */
export function sessionMaxAgeSeconds(): number {
  const hours = Number(process.env.SESSION_MAX_HOURS || 12);
  return Math.round((Number.isFinite(hours) && hours > 0 ? hours : 12) * 3600);
}

/** How long a session may live regardless of activity (hours); configurable with SESSION_MAX_HOURS. */
export function sessionMaxAgeSeconds(): number {
  const hours = Number(process.env.SESSION_MAX_HOURS || 12);
  return Math.round((Number.isFinite(hours) && hours > 0 ? hours : 12) * 3600);
}

/**
 * How long a session may sit unused before it ends (minutes); configurable with SESSION_IDLE_MINUTES, default 30.
 * Checked on the server against the session's last request (lib/dal/auth/sessionRows.ts), so it holds whatever the
 * browser does with its cookie.
 */
export function sessionIdleSeconds(): number {
  const minutes = Number(process.env.SESSION_IDLE_MINUTES || 30);
  return Math.round((Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60);
}

/**
 * A session's last-seen time is written at most this often: once a minute is precise enough for a timeout
 * measured in minutes without turning every page view into a database write. A (test) timeout shorter than
 * ten minutes is refreshed at a tenth of itself, so an active session never looks idle.
 */
export function sessionTouchIntervalSeconds(): number {
  return Math.min(60, sessionIdleSeconds() / 10);
}

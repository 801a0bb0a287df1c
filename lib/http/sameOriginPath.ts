/**
 * Where to go after signing in: the `callbackUrl` only when it stays on this app, otherwise home. Checking the
 * text ("starts with one slash") is not enough: a browser resolving `/\evil.example` or `/<tab>/evil.example`
 * follows the URL standard, where a backslash counts as a slash and tabs and newlines are dropped, and lands on
 * another host. So the value is resolved the same way, against the app's own origin, and kept only when the
 * origin is unchanged.
 */
export function sameOriginPath(value: string | null | undefined, origin: string): string {
  if (!value) return "/";
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return "/";
  }
  if (target.origin !== new URL(origin).origin) return "/";
  // `https://app//evil.example` is this origin, but its path alone would read as a host: one leading slash only.
  return target.pathname.replace(/^\/+/, "/") + target.search + target.hash;
}

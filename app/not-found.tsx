import Link from "next/link";
import { connection } from "next/server";

/**
 * The app-wide 404. Rendered per request (not prerendered) so it carries the request's CSP nonce like every
 * other page; a static page would have its scripts blocked by the nonce-based policy.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="nf-title">
        <p className="brand">MILD Outcomes</p>
        <h1 id="nf-title">Page not found</h1>
        <p className="muted">This page does not exist, or it is not one you have access to.</p>
        <p>
          <Link href="/">Back to Home</Link>
        </p>
      </section>
    </main>
  );
}

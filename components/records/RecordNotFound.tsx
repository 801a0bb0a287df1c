import Link from "next/link";

/** The one 404 of the record screens: the same words whether the record is missing or someone else's. */
export function RecordNotFound({ what }: { what: string }) {
  return (
    <section className="panel not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{what} not found</h1>
      <p>It does not exist, or it is not one you have access to.</p>
      <p>
        <Link href="/">Back to Home</Link>
      </p>
    </section>
  );
}

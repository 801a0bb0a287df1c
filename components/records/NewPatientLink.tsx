import Link from "next/link";

/** Where a physician starts a record: a patient first, then their procedure. */
export function NewPatientLink() {
  return (
    <Link className="button primary" href="/patients/new">
      New patient
    </Link>
  );
}

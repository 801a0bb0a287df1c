import Link from "next/link";

/** Where a physician starts a record: a patient first, then their procedure. */
export function NewPatientLink() {
  return (
    <Link className="button primary" href="/patients/new">
      New patient
    </Link>
  );
}

/** A procedure for a patient already recorded: the form finds them by name or MRN. */
export function NewProcedureLink() {
  return (
    <Link className="button subtle-light" href="/procedures/new">
      New procedure
    </Link>
  );
}

import Link from "next/link";

/** A patient in a table row: the name linking to their page, the record number beside it. */
export function PatientCell({ patient }: { patient: { patientId: number; patientName: string; mrn: string } }) {
  return (
    <>
      <Link prefetch={false} href={`/patients/${patient.patientId}`}>
        {patient.patientName}
      </Link>
      <span className="muted small"> · {patient.mrn}</span>
    </>
  );
}

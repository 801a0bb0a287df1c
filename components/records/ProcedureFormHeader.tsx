import Link from "next/link";
import type { ReactNode } from "react";
import { displayDate } from "@/lib/outcomes/dates";

/** The header of a form about one procedure: the way back to the patient and the procedure, the title, a line of context. */
export function ProcedureFormHeader({
  patient,
  procedure,
  title,
  children,
}: {
  patient: { id: number; name: string };
  procedure: { id: number; procedureDate: string };
  title: string;
  children: ReactNode;
}) {
  return (
    <header className="page-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/patients/${patient.id}`}>{patient.name}</Link> /{" "}
        <Link href={`/procedures/${procedure.id}`}>Procedure {displayDate(procedure.procedureDate)}</Link>
      </nav>
      <h1>{title}</h1>
      <p className="muted">{children}</p>
    </header>
  );
}

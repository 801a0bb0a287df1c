import Link from "next/link";
import type { Patient } from "@/db/schema";
import { ageInYears, todayIso } from "@/lib/outcomes/dates";
import { dateOrDash } from "./format";
import { DIAGNOSIS_LABELS, SEX_LABELS } from "@/lib/labels";
import { RiskFactors } from "./RiskFactors";

/** Who the patient is and what puts them at risk: the header of the patient and procedure pages. */
export function PatientSummary({ patient, siteName, linkToPatient }: { patient: Patient; siteName: string; linkToPatient?: boolean }) {
  return (
    <div className="patient-summary">
      {linkToPatient && (
        <p className="patient-name">
          <Link href={`/patients/${patient.id}`}>{patient.name}</Link>
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>MRN</dt>
          <dd>{patient.mrn}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>
            {dateOrDash(patient.dateOfBirth)} <span className="muted">({ageInYears(patient.dateOfBirth, todayIso())} years)</span>
          </dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{SEX_LABELS[patient.sex]}</dd>
        </div>
        <div>
          <dt>Diagnosis</dt>
          <dd>{DIAGNOSIS_LABELS[patient.diagnosis]}</dd>
        </div>
        <div>
          <dt>Site</dt>
          <dd>{siteName || "—"}</dd>
        </div>
      </dl>
      <h3 className="facts-heading">Risk factors</h3>
      <RiskFactors patient={patient} />
    </div>
  );
}

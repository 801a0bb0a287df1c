import { Facts } from "@/components/records/Facts";
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
      <Facts
        facts={[
          ["MRN", patient.mrn],
          [
            "Date of birth",
            <>
              {dateOrDash(patient.dateOfBirth)} <span className="muted">({ageInYears(patient.dateOfBirth, todayIso())} years)</span>
            </>,
          ],
          ["Sex", SEX_LABELS[patient.sex]],
          ["Diagnosis", DIAGNOSIS_LABELS[patient.diagnosis]],
          ["Site", siteName || "—"],
        ]}
      />
      <h3 className="facts-heading">Risk factors</h3>
      <RiskFactors patient={patient} />
    </div>
  );
}

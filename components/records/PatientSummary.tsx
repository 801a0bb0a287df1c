import { Facts } from "@/components/records/Facts";
import Link from "next/link";
import type { Patient } from "@/db/schema";
import { ageInYears, todayIso } from "@/lib/outcomes/dates";
import { dateOrDash } from "./format";
import { DIAGNOSIS_LABELS, SEX_LABELS } from "@/lib/labels";
import { RiskFactors } from "./RiskFactors";

/** Who the patient is and what puts them at risk: the header of the patient and procedure pages. */
export function PatientSummary({
  patient,
  siteName,
  physicianName,
  linkToPatient,
}: {
  patient: Patient;
  siteName: string;
  /** The responsible physician, on the patient's own page (the procedure page names the procedure's physician). */
  physicianName?: string | null;
  linkToPatient?: boolean;
}) {
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
          ...(physicianName === undefined ? [] : [["Responsible physician", physicianName ?? "—"] as [string, string]]),
        ]}
      />
      <h3 className="facts-heading">Risk factors</h3>
      <RiskFactors patient={patient} />
    </div>
  );
}

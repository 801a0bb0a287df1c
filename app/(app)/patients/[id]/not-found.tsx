import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function PatientNotFound() {
  return <RecordNotFound what="Patient" />;
}

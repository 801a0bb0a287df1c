import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function NewPatientNotFound() {
  return <RecordNotFound what="Page" />;
}

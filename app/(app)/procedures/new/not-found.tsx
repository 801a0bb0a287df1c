import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function NewProcedureNotFound() {
  return <RecordNotFound what="Patient" />;
}

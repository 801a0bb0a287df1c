import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function ProcedureNotFound() {
  return <RecordNotFound what="Procedure" />;
}

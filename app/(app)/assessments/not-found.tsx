import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function AssessmentNotFound() {
  return <RecordNotFound what="Assessment" />;
}

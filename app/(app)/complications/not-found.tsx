import { RecordNotFound } from "@/components/records/RecordNotFound";

export default function ComplicationNotFound() {
  return <RecordNotFound what="Complication report" />;
}

import type { Principal } from "@/lib/dal/principal";
import type { OutcomeFilters, OutcomeView } from "@/lib/outcomes/outcomeFilters";

export type QualityCardProps = { me: Principal; filters: OutcomeFilters; view: OutcomeView };

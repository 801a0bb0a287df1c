import type { Principal } from "@/lib/dal/principal";
import type { OutcomeFilters, OutcomeView } from "@/lib/outcomes/outcomeFilters";

/** What every card of the outcomes and quality pages receives: who is looking, which procedures, how they are viewed. */
export type CardProps = { me: Principal; filters: OutcomeFilters; view: OutcomeView };

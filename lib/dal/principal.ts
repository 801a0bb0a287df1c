import type { Role } from "@/db/enums";

/** The signed-in user as the data layer sees them: every DAL function takes one and decides from it. */
export type Principal = { id: number; email: string; name: string; role: Role; siteId: number | null };

export const canSeeAllPhysicians = (p: Principal) => p.role === "quality_officer" || p.role === "admin";

import { exportRouteHandlers } from "@/lib/http/exportRoutes";

// Streamed from the database on every request; never cached or prerendered.
export const dynamic = "force-dynamic";

export const { GET, POST } = exportRouteHandlers("procedures");

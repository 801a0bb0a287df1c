import { exportRouteHandlers } from "@/lib/http/exportRoutes";

// Streamed from the database on every request; never cached or prerendered.
export const dynamic = "force-dynamic";

const handlers = exportRouteHandlers("complications");
export const GET = handlers.GET;
export const POST = handlers.POST;

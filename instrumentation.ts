/**
 * Next.js calls register() once when a server process starts. On the Node.js runtime it starts the outbox
 * drainer, so queued messages go out while the app serves (the edge runtime of proxy.ts has no database).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundDrainer } = await import("./lib/messaging/backgroundDrainer");
  startBackgroundDrainer();
}

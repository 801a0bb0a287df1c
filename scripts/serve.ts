// The app's HTTP server: Next's request handler behind a small Node http server (Next's documented custom server).
// `npm start` (scripts/start.ts, and so the Docker image and the Playwright web server) and `npm run dev` (--dev)
// serve through it. It exists for one header: the client's address as the TCP connection gives it, written over
// anything a client sent under that name (lib/auth/clientAddress.ts), so sign-in throttling and the audit log
// never take an address the client chose. PORT as for `next start`; it listens on every interface.
import http from "node:http";
import { stampSocketAddress } from "@/lib/auth/clientAddress";
import { answerEventLoopProbe } from "./eventLoopProbe";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
// Before Next (and React under it) is loaded: they pick their production or development builds from it.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// The practice-wide figures on a worker thread, off the thread that answers requests (lib/dal/outcomes/offThread.ts);
// MILD_FIGURE_WORKER=0 keeps them on it. Not in development: the worker loads the sources once and would not see edits.
if (!dev) process.env.MILD_FIGURE_WORKER ||= "1";
const { default: next } = await import("next");

const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  stampSocketAddress(req);
  void handle(req, res);
});
if (dev) {
  // Hot reloading's WebSocket.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    stampSocketAddress(req);
    void upgrade(req, socket, head);
  });
}
// Only for the load test that started this server (a channel to its parent and MILD_EVENT_LOOP_PROBE=1).
answerEventLoopProbe();
server.listen(port, () => console.log(`Ready on http://localhost:${port}${dev ? " (development)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Lets running requests (a long export) finish, within reason.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

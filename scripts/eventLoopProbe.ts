/**
 * The server's event-loop delay (perf_hooks.monitorEventLoopDelay) for the load test, over an IPC channel only:
 * when the load test starts the server itself (scripts/load-test.ts --serve) it opens a channel to it and sets
 * MILD_EVENT_LOOP_PROBE=1; the server then answers "reset" and "read" messages from that parent. No HTTP route,
 * no port: nothing another client could reach, so nothing to authorize. A server started any other way has no
 * channel and measures nothing.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

/** Delays in milliseconds, over the time since the last reset. */
export type EventLoopDelay = { samples: number; min: number; mean: number; p50: number; p99: number; max: number };

export type ProbeRequest = { probe: "event-loop"; action: "reset" | "read" };
export type ProbeReply = { probe: "event-loop"; action: "reset" | "read"; delay: EventLoopDelay };

const ms = (ns: number) => Number((ns / 1e6).toFixed(1));

/** Called by scripts/serve.ts: starts the monitor and answers the parent, when the parent asked for it. */
export function answerEventLoopProbe(): void {
  if (process.env.MILD_EVENT_LOOP_PROBE !== "1" || !process.send) return;
  // 10 ms resolution: a request holding the loop for 100 ms shows as a delay of at least 90 ms.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const snapshot = (): EventLoopDelay => ({
    samples: histogram.count,
    min: ms(histogram.min),
    mean: ms(histogram.mean),
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  });
  process.on("message", (message: Partial<ProbeRequest>) => {
    if (message?.probe !== "event-loop") return;
    if (message.action === "reset") histogram.reset();
    if (message.action === "reset" || message.action === "read")
      process.send!({ probe: "event-loop", action: message.action, delay: snapshot() } satisfies ProbeReply);
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}

/**
 * What an export's audit row counts: the rows handed to the connection, not those read ahead from the database.
 * The stream is piped the way Next pipes a route's response (pipeTo into a writer that writes each chunk to the
 * socket and waits for it to drain), to a client that takes the first rows and then stops reading.
 */
import { describe, expect, it } from "vitest";
import { csvStream } from "@/lib/csv/export/stream";

const BATCHES = 6;
const BATCH_SIZE = 250;

async function* batches(): AsyncGenerator<number[]> {
  for (let b = 0; b < BATCHES; b++) yield Array.from({ length: BATCH_SIZE }, (_, i) => b * BATCH_SIZE + i);
}

const flushAllPendingWork = async () => {
  for (let i = 0; i < 20; i++) await new Promise(setImmediate);
};

/** A stream of every batch, one number a row, and what it reports to onEnd (null until it ends). */
function reportingStream() {
  const report: { reported: { rows: number; completed: boolean } | null } = { reported: null };
  const stream = csvStream({
    header: ["n"],
    batches: batches(),
    toRecord: (n) => [String(n)],
    onEnd: (rows, completed) => void (report.reported = { rows, completed }),
  });
  return { stream, report };
}

describe("csvStream", () => {
  it("reports to onEnd exactly the rows the client's connection was given when the client stops reading and disconnects", async () => {
    const { stream, report } = reportingStream();
    const disconnect = new AbortController();
    const decoder = new TextDecoder();
    let written = "";
    let writes = 0;
    const connection = new WritableStream<Uint8Array>({
      write(chunk) {
        // Writing to a connection the client has closed sends nothing.
        if (disconnect.signal.aborted) return;
        written += decoder.decode(chunk);
        // The second chunk fills the socket: it drains only when the client goes away.
        if (++writes === 2) return new Promise<void>((resolve) => disconnect.signal.addEventListener("abort", () => resolve()));
      },
    });
    const piped = stream.pipeTo(connection, { signal: disconnect.signal }).catch(() => undefined);
    await flushAllPendingWork();
    disconnect.abort();
    await piped;

    const rowsWritten = written.split("\r\n").filter(Boolean).length - 1;
    expect(rowsWritten).toBeGreaterThan(0);
    expect(rowsWritten).toBeLessThan(BATCHES * BATCH_SIZE);
    expect(report.reported).toEqual({ rows: rowsWritten, completed: false });
  });

  it("reports every row and completed when the client reads to the end", async () => {
    const { stream, report } = reportingStream();
    const text = await new Response(stream).text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(BATCHES * BATCH_SIZE + 1);
    expect(report.reported).toEqual({ rows: BATCHES * BATCH_SIZE, completed: true });
  });
});

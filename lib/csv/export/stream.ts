/**
 * A CSV file as a web ReadableStream (RFC 4180: CRLF line ends, fields quoted by csv-stringify when they hold a
 * comma, a quote or a line break; UTF-8, no byte-order mark). One batch of records is read and encoded per pull,
 * and only when the client asks for more, so a slow download holds one batch in memory, never the file, and no
 * database transaction while it waits for the client.
 */
import { stringify } from "csv-stringify/sync";

const OPTIONS = { record_delimiter: "windows" as const };

export function csvStream<T>(opts: {
  header: string[];
  batches: AsyncGenerator<T[]>;
  toRecord: (item: T) => string[];
  /**
   * Called exactly once: when the last row is sent, or when the download is abandoned or fails. Awaited before
   * the stream closes (or its cancel resolves), so whoever sees the end can already see what onEnd wrote.
   */
  onEnd: (rows: number, completed: boolean) => void | Promise<void>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rows = 0;
  let ended = false;
  const end = async (completed: boolean) => {
    if (ended) return;
    ended = true;
    await opts.onEnd(rows, completed);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(stringify([opts.header], OPTIONS)));
      },
      async pull(controller) {
        try {
          const next = await opts.batches.next();
          // Abandoned while this batch was being read: cancel() has counted and recorded what was sent.
          if (ended) return;
          if (next.done) {
            await end(true);
            controller.close();
            return;
          }
          const records = next.value.map(opts.toRecord);
          rows += records.length;
          controller.enqueue(encoder.encode(stringify(records, OPTIONS)));
        } catch (error) {
          await end(false);
          controller.error(error);
        }
      },
      async cancel() {
        await end(false);
        await opts.batches.return(undefined);
      },
    },
    // One batch queued ahead at most: pull is called again only once the consumer has taken it.
    { highWaterMark: 1 },
  );
}

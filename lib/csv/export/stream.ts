/**
 * A CSV file as a web ReadableStream (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a
 * line break, ./csvLine.ts; UTF-8, without a byte-order mark unless asked: R and pandas read plain UTF-8,
while Excel on Windows needs the mark to read "Zoë" as UTF-8 rather than its local code page). Batches of records are read from the database one
 * ahead of the connection, and handed to the connection in chunks of CHUNK_ROWS rows only when it asks for more,
 * so a slow download holds two batches in memory, never the file, and no database transaction while it waits.
 *
 * The audit row counts the rows actually sent. The stream keeps no queue of its own (highWaterMark 0): it makes a
 * chunk only for a read the consumer has made, so a batch read ahead from the database is never counted. Next's
 * response pipe may read one chunk ahead while the last one is still being written to the socket, and on a
 * disconnect writes that chunk to the closed response, where it goes nowhere; so a chunk counts as sent once the
 * consumer asks for the one after it, which it does only after writing it. What a client's network stack
 * received but its application never read cannot be seen from here.
 */
import { csvRecords } from "./csvLine";

/** About 50 KB of CSV: how finely a download is counted. */
export const CHUNK_ROWS = 200;

export function csvStream<T>(opts: {
  header: string[];
  /** Start the file with the UTF-8 byte-order mark (the Excel variant). */
  byteOrderMark?: boolean;
  batches: AsyncGenerator<T[]>;
  toRecord: (item: T) => string[];
  /**
   * Called exactly once: when the last row is sent, or when the download is abandoned or fails, with the rows
   * handed to the connection. Awaited before the stream closes (or its cancel resolves), so whoever sees the end
   * can already see what onEnd wrote.
   */
  onEnd: (rows: number, completed: boolean) => void | Promise<void>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = 0;
  /** Rows of the chunk handed over last: sent once the consumer asks for more. */
  let handed = 0;
  let ended = false;
  let unsent: T[] = [];
  /** How far into `unsent` the chunks handed over have reached (an index, so a batch is never copied per chunk). */
  let next = 0;
  let ahead: Promise<IteratorResult<T[]>> | null = null;
  const end = async (completed: boolean) => {
    if (ended) return;
    ended = true;
    await opts.onEnd(sent, completed);
  };
  const readAhead = () => {
    ahead = opts.batches.next();
    // Awaited by the next pull; if the download is abandoned first, its failure no longer matters.
    ahead.catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode((opts.byteOrderMark ? "\uFEFF" : "") + csvRecords([opts.header])));
      },
      async pull(controller) {
        sent += handed;
        handed = 0;
        try {
          while (next >= unsent.length) {
            const batch = await (ahead ?? opts.batches.next());
            ahead = null;
            // Abandoned while this batch was being read: cancel() has recorded what was sent.
            if (ended) return;
            if (batch.done) {
              await end(true);
              controller.close();
              return;
            }
            unsent = batch.value;
            next = 0;
            if (unsent.length > 0) readAhead();
          }
          const upTo = Math.min(next + CHUNK_ROWS, unsent.length);
          const records: string[][] = new Array(upTo - next);
          for (let i = next; i < upTo; i++) records[i - next] = opts.toRecord(unsent[i]!);
          controller.enqueue(encoder.encode(csvRecords(records)));
          handed = upTo - next;
          next = upTo;
          // The rows handed over are no longer needed: let them go before the whole batch is done.
          if (next === unsent.length) unsent = [];
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
    { highWaterMark: 0 },
  );
}

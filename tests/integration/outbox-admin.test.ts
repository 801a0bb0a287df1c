/**
 * Who may read the outbox (the data layer decides, not the page): administrators list and open messages;
 * physicians and quality officers are refused before anything is read, so a missing id and a forbidden one
 * look alike to them.
 */
import fc from "fast-check";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import { transaction } from "@/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { listOutboxMessages, queueMessage, readOutboxMessage } from "@/lib/dal/messaging/outbox";
import type { Principal } from "@/lib/dal/principal";
import { parseOutboxQuery } from "@/lib/validation/outbox";
import { insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("outbox-admin");

let admin: Principal;
let physician: Principal;
let qualityOfficer: Principal;
let ids: number[];

beforeAll(async () => {
  admin = principalOf(await insertUser(t.db, "admin"));
  physician = principalOf(await insertUser(t.db, "physician"));
  qualityOfficer = principalOf(await insertUser(t.db, "quality_officer"));
  ids = await transaction(async (tx) => {
    const out: number[] = [];
    for (const [i, kind] of ["invitation", "reminder", "invitation"].entries()) {
      const { id } = await queueMessage(tx, {
        channel: "email",
        to: `p${i}@example.org`,
        subject: `Subject ${i}`,
        text: `Body ${i}`,
        html: `<p>Body ${i}</p>`,
        kind,
      });
      out.push(id);
    }
    return out;
  });
});

describe("the outbox for administrators", () => {
  it("lists every message newest first with the count of each status", async () => {
    const page = await listOutboxMessages(admin, parseOutboxQuery({}));
    expect(page.total).toBe(3);
    expect(page.byStatus).toEqual({ queued: 3, sending: 0, sent: 0, failed: 0 });
    expect(page.rows.map((r) => r.id)).toEqual([...ids].reverse());
    expect(page.rows[0]).toMatchObject({ recipient: "p2@example.org", subject: "Subject 2", status: "queued", attempts: 0, sentAt: null });
  });

  it("filters by status and ignores an unknown one", async () => {
    expect((await listOutboxMessages(admin, parseOutboxQuery({ status: "sent" }))).rows).toEqual([]);
    expect((await listOutboxMessages(admin, parseOutboxQuery({ status: "bogus" }))).total).toBe(3);
  });

  it("opens one message with its text and HTML", async () => {
    const m = await readOutboxMessage(admin, ids[1]!);
    expect(m).toMatchObject({ kind: "reminder", bodyText: "Body 1", bodyHtml: "<p>Body 1</p>", status: "queued" });
    expect(m.messageId).toMatch(/^<[0-9a-f-]{36}@[a-z0-9.-]+>$/);
  });

  it("answers a missing or malformed id as not found", async () => {
    await expect(readOutboxMessage(admin, 99_999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(readOutboxMessage(admin, -1)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the outbox for everyone else", () => {
  for (const [who, principal] of [
    ["a physician", () => physician],
    ["a quality officer", () => qualityOfficer],
  ] as const) {
    it(`refuses ${who} the list and every message, existing or not`, async () => {
      await expect(listOutboxMessages(principal(), parseOutboxQuery({}))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(readOutboxMessage(principal(), ids[0]!)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(readOutboxMessage(principal(), 99_999_999)).rejects.toBeInstanceOf(ForbiddenError);
    });
  }
});

describe("queuing a message", () => {
  it("refuses control characters in the subject, text and HTML (PostgreSQL cannot store a NUL)", async () => {
    for (const field of ["subject", "text", "html"]) {
      const message = { channel: "email" as const, to: "p@example.org", subject: "Subject", text: "Body", kind: "invitation", [field]: "a\u0000b" };
      await expect(transaction((tx) => queueMessage(tx, message))).rejects.toMatchObject({ fieldErrors: { [field]: ["must not contain control characters"] } });
    }
  });

  const rows = async () => (await t.db.select({ n: count() }).from(outboxMessages))[0]!.n;
  const hostile = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom("", " ", "\u0000", "a\u0000b", "a\u001bb", "a\r\nBcc: x@example.org", "x".repeat(300_000)),
    fc.anything(),
  );

  it("writes the message or refuses it with a message per field, never a partial row", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ to: hostile, subject: hostile, text: hostile, kind: hostile, entity: hostile, notBefore: hostile }, { requiredKeys: [] }),
        async (fields) => {
          const before = await rows();
          const message = { channel: "email", to: "p@example.org", subject: "Subject", text: "Body", kind: "invitation", ...fields };
          try {
            await transaction((tx) => queueMessage(tx, message as Parameters<typeof queueMessage>[1]));
            expect(await rows()).toBe(before + 1);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            const fieldErrors = (error as ValidationError).fieldErrors;
            expect(Object.keys(fieldErrors).length).toBeGreaterThan(0);
            expect(
              Object.values(fieldErrors)
                .flat()
                .every((m) => m.trim().length > 0),
            ).toBe(true);
            expect(await rows()).toBe(before);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

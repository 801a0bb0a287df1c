import { describe, expect, it } from "vitest";
import { asc, count, eq, sql } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { auditLog, sites } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("backend-tx");

const actor = { id: 1, email: "writer@test.example" };

async function chain() {
  return (await getDb().select().from(auditLog).orderBy(asc(auditLog.id))) as ChainRow[];
}

describe(`transactions on ${t.dialect}`, () => {
  it("commits a change together with its audit row", async () => {
    const site = await transaction(async (tx) => {
      const [created] = await tx.insert(sites).values({ code: "TX1", name: "Committed" }).returning();
      await appendAudit(tx, { actor, action: "site.create", entity: "site", entityId: created.id, after: created });
      return created;
    });
    const [row] = await getDb().select().from(sites).where(eq(sites.id, site.id));
    expect(row.name).toBe("Committed");
    expect((await chain()).at(-1)?.entityId).toBe(String(site.id));
  });

  it("rolls back the change and its audit row when the work throws", async () => {
    const before = (await chain()).length;
    await expect(
      transaction(async (tx) => {
        await tx.insert(sites).values({ code: "TX2", name: "Rolled back" });
        await appendAudit(tx, { actor, action: "site.create", entity: "site" });
        throw new Error("refused after writing");
      }),
    ).rejects.toThrow("refused after writing");
    expect(await getDb().select().from(sites).where(eq(sites.code, "TX2"))).toEqual([]);
    expect((await chain()).length).toBe(before);
  });

  it("a read-only transaction keeps one snapshot while a writer commits meanwhile, and does not hold the writer up", async () => {
    const countSites = async (db: AppDatabase) => Number((await db.select({ n: count() }).from(sites))[0]!.n);
    let snapshotTaken!: () => void;
    const taken = new Promise<void>((resolve) => (snapshotTaken = resolve));
    let writeCommitted!: () => void;
    const committed = new Promise<void>((resolve) => (writeCommitted = resolve));
    // An export's batch: its first read fixes the snapshot, then it waits for another request's write to commit.
    const reading = transaction(
      async (tx) => {
        const before = await countSites(tx);
        snapshotTaken();
        await committed;
        return { before, after: await countSites(tx) };
      },
      { readOnly: true },
    );
    await taken;
    // Another request's write, while the read-only transaction is open: it must not wait for it to end.
    await transaction(async (tx) => {
      const [created] = await tx.insert(sites).values({ code: "RO1", name: "Written meanwhile" }).returning();
      await appendAudit(tx, { actor, action: "site.create", entity: "site", entityId: created.id, after: created });
    });
    writeCommitted();
    const seen = await reading;
    expect(seen.after).toBe(seen.before);
    expect(await countSites(getDb())).toBe(seen.before + 1);
  });

  it("refuses a write inside a read-only transaction, and writes nothing", async () => {
    await expect(transaction((tx) => tx.insert(sites).values({ code: "RO2", name: "Never" }), { readOnly: true })).rejects.toThrow();
    expect(await getDb().select().from(sites).where(eq(sites.code, "RO2"))).toEqual([]);
  });

  it("getDb() inside a transaction sees the transaction's own uncommitted rows", async () => {
    await transaction(async (tx) => {
      await tx.insert(sites).values({ code: "TX3", name: "Inside" });
      const seen = await getDb().select().from(sites).where(eq(sites.code, "TX3"));
      expect(seen).toHaveLength(1);
    });
  });

  it("keeps the hash chain intact when twenty writers run at once", async () => {
    const created = async () => (await chain()).filter((r) => r.action === "site.create").length;
    const before = await created();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transaction(async (tx) => {
          const [created] = await tx
            .insert(sites)
            .values({ code: `C${i}`, name: `Concurrent ${i}` })
            .returning();
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          await appendAudit(tx, { actor, action: "site.create", entity: "site", entityId: created.id, after: created });
        }),
      ),
    );
    const rows = await chain();
    expect(verifyChain(rows)).toEqual({ ok: true, rows: rows.length });
    expect(await created()).toBe(before + 20);
  });

  it("refuses to update or delete audit rows", async () => {
    await expect(t.exec(sql`update audit_log set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.exec(sql`delete from audit_log`)).rejects.toThrow(/append-only/);
  });

  it("returns booleans, numbers and ISO text alike on both backends", async () => {
    const [counted] = await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(sites);
    expect(typeof counted.n).toBe("number");
    const [site] = await getDb().select().from(sites).limit(1);
    expect(site.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("lets the event loop turn between one request's reads, so a timer due meanwhile fires before they all finish", async () => {
    // On SQLite every statement runs synchronously; without a turn between them a request of many reads would
    // keep every timer and socket of the server waiting until its last one.
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 0);
    // Reads back to back for a tenth of a second: many times the loop's slice.
    const started = performance.now();
    while (performance.now() - started < 100) {
      await getDb().select({ n: count() }).from(sites);
      events.push("read");
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events.indexOf("timer")).toBeGreaterThan(-1);
    expect(events.indexOf("timer")).toBeLessThan(events.length - 1);
  });

  it("keeps a write transaction whole: no other request's statement runs between its own", async () => {
    const order: string[] = [];
    const writing = transaction(async (tx) => {
      for (let i = 0; i < 10; i++) {
        await tx.select({ n: count() }).from(sites);
        order.push("tx");
      }
    });
    const reading = (async () => {
      await getDb().select({ n: count() }).from(sites);
      order.push("other");
    })();
    await Promise.all([writing, reading]);
    const tx = order.map((o, i) => (o === "tx" ? i : -1)).filter((i) => i >= 0);
    expect(tx.at(-1)! - tx[0]!).toBe(9);
  });
});

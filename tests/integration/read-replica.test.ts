/* eslint-disable no-restricted-syntax -- reads the stand-in replica through its own driver, by design */
/**
 * DATABASE_READ_URL (PostgreSQL): the dashboards' cohort reads go to the read replica, everything else — every
 * write and every read a write depends on — to the primary. A second database with different data stands in for
 * the replica, so where each read went shows in the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { closeDatabases, getDb, transaction } from "@/db/client";
import { openPostgres, type PostgresDatabase } from "@/db/postgres";
import { patients } from "@/db/schema";
import { outcomeSummary } from "@/lib/dal/outcomes/dashboard";
import { createPatient } from "@/lib/dal/records/patients";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import { insertPatient, insertProcedure } from "../support/fixtures";
import { OUTCOME_TODAY, seedOutcomeWorld, type OutcomeWorld } from "../support/outcomeFixtures";
import { createTempDatabase, tempDatabaseForFile, type TempDatabase } from "../support/tempDb";

const t = await tempDatabaseForFile("replica-primary");

describe.skipIf(t.dialect !== "postgres")("a read replica for the dashboards (PostgreSQL)", () => {
  let replica: TempDatabase;
  let replicaPool: PostgresDatabase;
  let world: OutcomeWorld;

  beforeAll(async () => {
    // The same small practice in both databases (same ids), plus one procedure only the "replica" has.
    replica = await createTempDatabase("replica-replica");
    const replicaWorld = await seedOutcomeWorld(getDb());
    const extra = await insertPatient(getDb(), replicaWorld.siteA.id);
    await insertProcedure(getDb(), {
      patientId: extra.id,
      physicianId: replicaWorld.users.docA.id,
      siteId: replicaWorld.siteA.id,
      procedureDate: "2025-07-01",
    });
    await closeDatabases();
    process.env.DATABASE_URL = t.target;
    world = await seedOutcomeWorld(getDb());
    process.env.DATABASE_READ_URL = replica.target;
    replicaPool = openPostgres(replica.target, { max: 1 });
  });

  afterAll(async () => {
    delete process.env.DATABASE_READ_URL;
    await replicaPool.$client.end();
    await replica.cleanup();
    process.env.DATABASE_URL = t.target;
  });

  it("serves the outcomes cohort from the replica", async () => {
    const summary = await outcomeSummary(world.qo, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, OUTCOME_TODAY);
    expect(summary.procedures).toBe(9); // the primary has 8
  });

  it("keeps writes, and the reads they depend on, on the primary", async () => {
    const [{ n: before }] = await getDb().select({ n: count() }).from(patients);
    await createPatient(world.docA, {
      siteId: String(world.siteA.id),
      mrn: "PRIMARY-ONLY",
      name: "Written Here",
      dateOfBirth: "1950-01-02",
      sex: "female",
      diagnosis: "stenosis",
    });
    const [{ n: after }] = await getDb().select({ n: count() }).from(patients);
    expect(after).toBe(before + 1);
    const onReplica = await replicaPool.$client.query("select count(*) as n from patients where mrn = $1", ["PRIMARY-ONLY"]);
    expect(onReplica.rows[0].n).toBe(0);
  });

  it("reads inside a transaction from the transaction, never from the replica", async () => {
    await transaction(async () => {
      const summary = await outcomeSummary(world.qo, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, "2026-11-26");
      expect(summary.procedures).toBe(8);
    });
  });
});

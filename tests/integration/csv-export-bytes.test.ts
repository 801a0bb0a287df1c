/**
 * The CSV export's bytes, pinned: every file of a seeded database (both kinds, de-identified and identified, the
 * Excel variant, filtered with another definition and relief criterion) hashes to what the export wrote before its
 * speed-up (the batched cohort → records → csv-stringify path, recorded 2026-12-06). Any change to a cell, a quote,
 * a line end or the row order changes a hash; the same expectation holds on both backends. If the demo seed
 * itself changes, record the hashes again from a build of the export that is known to be right.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import type { Principal } from "@/lib/dal/principal";
import { seedDemoInto } from "../fixtures/csv/csvHelpers";
import { principalOf } from "../support/fixtures";
import { createTempDatabase } from "../support/tempDb";

// The pseudonyms are keyed by the secret: a fixed one, so the de-identified files are the same on every run.
process.env.NEXTAUTH_SECRET = "csv-export-bytes-test-secret-0123456789abcdef";

const t = await createTempDatabase("csv-export-bytes");
afterAll(() => t.cleanup());

const TODAY = "2026-11-01";
let qo: Principal;
let doc: Principal;

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 600, seed: 23, end: TODAY, physicians: 4 });
  const user = async (email: string) => principalOf((await t.db.select().from(users).where(eq(users.email, email)).limit(1))[0]!);
  qo = await user("quality@example.org");
  doc = await user("physician1@example.org");
}, 120_000);

async function fileHash(who: () => Principal, kind: "procedures" | "complications", query: string): Promise<string> {
  const params = new URLSearchParams(query);
  const response = await exportCsvResponse(who(), kind, params, TODAY, params.get("identified") === "1" ? "POST" : "GET");
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return `${bytes.byteLength} ${createHash("sha256").update(bytes).digest("hex")}`;
}

describe("the export writes the same bytes as before", () => {
  const cases: [string, () => Principal, "procedures" | "complications", string, string][] = [
    ["procedures, de-identified", () => qo, "procedures", "", "153869 9b50d7f73d30089b694334dea5ad8a6975a7bc7ff9c4d5257671066492befc48"],
    [
      "procedures, identified",
      () => qo,
      "procedures",
      "identified=1&reason=byte+check",
      "269427 1838a5a12618585c37c0e34130135d11460d9dd93068b8f35bb481a3c77d3219",
    ],
    ["procedures, Excel variant", () => qo, "procedures", "format=excel", "153872 adc20c649409585c527bb3cd94b51a4e50d7e27aad5f8421e19894f9544d6375"],
    [
      "procedures, filtered, another definition and criterion, out-of-window included",
      () => qo,
      "procedures",
      "flag=exclude&severity=any&minGrade=2&outOfWindow=include&reliefCriterion=odi-10pt",
      "152010 b22523b255dbb8694b0e30dbadefc4d7ee3df17af1a3a18def360e1494bfd9b3",
    ],
    ["procedures, a physician's own", () => doc, "procedures", "", "61073 760fa87bda26d877b21f84ce893ec2efc1192b862c9b600c4694a8698e82000c"],
    ["complications, de-identified", () => qo, "complications", "", "841 a855b2a75dd9310c12ee174ca1fe2b7d5043a93e1c67fc575c51ba14571e958d"],
    [
      "complications, identified",
      () => qo,
      "complications",
      "identified=1&reason=byte+check",
      "1489 46d8bbd2cc9d63ff8c9aff96d86e9b9582afbf4cd0e5c9dc98f3a7b120db4cc9",
    ],
  ];
  for (const [name, who, kind, query, expected] of cases) {
    it(name, async () => {
      expect(await fileHash(who, kind, query)).toBe(expected);
    });
  }
});

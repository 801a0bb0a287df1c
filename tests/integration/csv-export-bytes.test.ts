/**
 * The CSV export's bytes, pinned: every file of a seeded database (both kinds, de-identified and identified, the
 * Excel variant, filtered with another definition and relief criterion) hashes to what the export wrote before its
 * speed-up (the batched cohort → records → csv-stringify path, recorded 2026-12-06). Any change to a cell, a quote,
 * a line end or the row order changes a hash; the same expectation holds on both backends. If the demo seed
 * itself changes, record the hashes again from a build of the export that is known to be right.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import type { Principal } from "@/lib/dal/principal";
import { seedDemoInto } from "../fixtures/csv/csvHelpers";
import { principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

// The pseudonyms are keyed by the secret: a fixed one, so the de-identified files are the same on every run.
process.env.NEXTAUTH_SECRET = "csv-export-bytes-test-secret-0123456789abcdef";

const t = await tempDatabaseForFile("csv-export-bytes");

const TODAY = "2026-11-01";
/** The demo's patients answer their diaries on the server's zone (sites default to it), so its days depend on it. */
const SERVER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
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

/**
 * Per server zone for the procedures files: the demo's patients answer their relief diaries on the server's zone,
 * so the relief days (and so the bytes) depend on it. The UTC hashes were recorded from the export before its
 * speed-up; the export itself reads no zone (the UTC hashes match), so the others were recorded from it afterwards,
 * under the zones `npm test` runs in (Pacific/Kiritimati for SQLite, Pacific/Pago_Pago for PostgreSQL).
 */
type Expected = string | Record<string, string>;

describe("the export writes the same bytes as before", () => {
  const cases: [string, () => Principal, "procedures" | "complications", string, Expected][] = [
    [
      "procedures, de-identified",
      () => qo,
      "procedures",
      "",
      {
        UTC: "153869 9b50d7f73d30089b694334dea5ad8a6975a7bc7ff9c4d5257671066492befc48",
        "Pacific/Kiritimati": "153871 354f843365969a4b7cb39f85e26a6c280172a97396a1556e83560db5e3261ec3",
        "Pacific/Pago_Pago": "153861 272fce79e0fe61f8992cbd87cf57b233a96dbee64c77ae4118a43b1053607b8b",
      },
    ],
    [
      "procedures, identified",
      () => qo,
      "procedures",
      "identified=1&reason=byte+check",
      {
        UTC: "269427 1838a5a12618585c37c0e34130135d11460d9dd93068b8f35bb481a3c77d3219",
        "Pacific/Kiritimati": "269594 e0f55f497cd49b304bcc22a29d3920b23b600b77922dc3ba4d529cc3f5cfc146",
        "Pacific/Pago_Pago": "269185 9a7b99a59b6b3e23030af67d4f5c04467f5bc81ae22bf8118d34fcfbb2b51cf4",
      },
    ],
    [
      "procedures, Excel variant",
      () => qo,
      "procedures",
      "format=excel",
      {
        UTC: "153872 adc20c649409585c527bb3cd94b51a4e50d7e27aad5f8421e19894f9544d6375",
        "Pacific/Kiritimati": "153874 abb23f1ef4d76a7821f64dbb100bb26953312ca07b93e8f4da6db69af33e8f80",
        "Pacific/Pago_Pago": "153864 831950d4681a6e0c2ab7cdd71a07c23a011a70bd1e1430de8316ad9dd39acd00",
      },
    ],
    [
      "procedures, filtered, another definition and criterion, out-of-window included",
      () => qo,
      "procedures",
      "flag=exclude&severity=any&minGrade=2&outOfWindow=include&reliefCriterion=odi-10pt",
      {
        UTC: "152010 b22523b255dbb8694b0e30dbadefc4d7ee3df17af1a3a18def360e1494bfd9b3",
        "Pacific/Kiritimati": "152012 921c4ec0d1b72b4a64aef0b8e3ddbf74effd0b49185055ec7c6637841c7511c6",
        "Pacific/Pago_Pago": "152013 6a22034b1513898c1b10b0e5c87ed4bb24cb600376598d5f8a1f167c6d6526d7",
      },
    ],
    [
      "procedures, a physician's own",
      () => doc,
      "procedures",
      "",
      {
        UTC: "61073 760fa87bda26d877b21f84ce893ec2efc1192b862c9b600c4694a8698e82000c",
        "Pacific/Kiritimati": "61072 f01e5dcc5a912c41a35b7b1965196b221a2ac9348452758b8cd95effd38b76ff",
        "Pacific/Pago_Pago": "61072 d1746bf66295304b9628b93bc96d51120e663f1eeda9b707896799245fb87c45",
      },
    ],
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
    const hash = typeof expected === "string" ? expected : expected[SERVER_ZONE];
    it.skipIf(hash === undefined)(name, async () => {
      expect(await fileHash(who, kind, query)).toBe(hash);
    });
  }
});

/**
 * The load test's traffic and its checks (scripts/load-test.ts runs them): what each reader asks for, the file
 * the writer imports, and whether every acknowledged write landed with the audit chain intact.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { isPostgresUrl } from "@/db/dialect";
import { auditKey } from "@/lib/audit/auditKey";
import { AUDIT_CHAIN_FIELDS, verifyChain, type ChainRow } from "@/lib/audit/hashChain";
import { templateCsv } from "@/lib/csv/import/template";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";
import { openBenchDb, parseTarget } from "./benchTarget";

/** A write the app acknowledged: its procedure and how many assessments came with it. */
export type Ack = { procedureRef: string; assessments: number };

// ---------- what the readers ask for ----------

export type Kind = "list" | "dashboard" | "quality" | "summary" | "export";
export type Role = "physician" | "quality_officer";
/** Weights per role: physicians have no quality page (it is a 404 for them). */
const MIX: Record<Role, [Kind, number][]> = {
  physician: [
    ["list", 35],
    ["dashboard", 25],
    ["summary", 25],
    ["export", 15],
  ],
  quality_officer: [
    ["list", 25],
    ["dashboard", 20],
    ["quality", 25],
    ["summary", 20],
    ["export", 10],
  ],
};
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
export function pathFor(kind: Kind): string {
  switch (kind) {
    case "list":
      return `/procedures?page=${1 + Math.floor(Math.random() * 5)}&sort=${pick(["date", "patient", "complications"])}`;
    case "dashboard":
      return pick(["/outcomes", "/outcomes?windowDays=30", "/outcomes?minGrade=2"]);
    case "quality":
      return pick(["/quality", "/quality?windowDays=30"]);
    case "summary":
      return pick(["/api/v1/outcomes/summary", "/api/v1/outcomes/summary?windowDays=30", "/api/v1/outcomes/summary?minGrade=2&reliefCriterion=nprs-2pt-30pct"]);
    case "export":
      return "/api/export/procedures.csv";
  }
}
export function drawKind(role: Role): Kind {
  const mix = MIX[role];
  let r = Math.random() * mix.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of mix) if ((r -= w) <= 0) return kind;
  return mix[0]![0];
}

export function writerFile(siteCode: string, email: string, n: number, runId: string) {
  const [header] = parse(templateCsv("procedures")) as string[][];
  const day = (offset: number) => addDaysIso(todayIso(), offset);
  const values: Record<string, string> = {
    procedure_ref: `load-${runId}-proc-${n}`,
    patient_ref: `load-${runId}-pat-${n}`,
    physician_ref: email,
    patient_mrn: `LOAD-${runId}-${n}`,
    patient_name: `Load Test Patient ${n}`,
    date_of_birth: "1950-06-15",
    procedure_date: day(-30),
    site: siteCode,
    sex: n % 2 ? "female" : "male",
    diagnosis: "stenosis",
    levels: "L4-L5",
    side: "bilateral",
    anaesthesia: "local",
    prior_treatment_acknowledged: "0",
    assessed_on_baseline: day(-33),
    back_nrs_baseline: "7",
    leg_nrs_baseline: "6",
    odi_baseline: "46",
    assessed_on_2w: day(-16),
    back_nrs_2w: String(n % 8),
    leg_nrs_2w: "3",
    odi_2w: "30",
  };
  return stringify([header!, header!.map((c) => values[c] ?? "")], { record_delimiter: "windows" });
}

// ---------- checks on the database ----------

export async function verifyWrites(
  databasePath: string,
  acknowledged: readonly Ack[],
): Promise<{
  landed: number;
  missing: string[];
  assessmentsExpected: number;
  assessmentsFound: number;
  chain: { ok: boolean; rows: number; reason?: string };
}> {
  const db = await openBenchDb(parseTarget(databasePath));
  try {
    const missing: string[] = [];
    let assessmentsFound = 0;
    for (const ack of acknowledged) {
      const [row] = await db.all<{ id: number; n: number }>(
        "SELECT p.id, (SELECT count(*) FROM assessments a WHERE a.procedure_id = p.id) AS n FROM procedures p WHERE p.external_id = ?",
        ack.procedureRef,
      );
      if (!row) missing.push(ack.procedureRef);
      else assessmentsFound += Math.min(Number(row.n), ack.assessments);
    }
    const rows = await db.all<ChainRow>(`SELECT ${AUDIT_CHAIN_FIELDS} FROM audit_log ORDER BY id`);
    // The key beside the server's database file (for PostgreSQL, the configured one): the same key the server wrote with.
    const verdict = verifyChain(rows, auditKey(isPostgresUrl(databasePath) ? undefined : databasePath, { create: false }));
    return {
      landed: acknowledged.length - missing.length,
      missing,
      assessmentsExpected: acknowledged.reduce((s, a) => s + a.assessments, 0),
      assessmentsFound,
      chain: { ok: verdict.ok, rows: rows.length, reason: verdict.ok ? undefined : verdict.reason },
    };
  } finally {
    await db.close();
  }
}

/** The demo database's accounts the load test signs in as: the physicians, and the site of physician 1 (the writer's). */
export async function demoAccounts(databasePath: string): Promise<{ siteCode: string | undefined; physicians: string[] }> {
  const db = await openBenchDb(parseTarget(databasePath));
  try {
    const site = await db.all<{ code: string }>("SELECT s.code FROM sites s JOIN users u ON u.site_id = s.id WHERE u.email = 'physician1@example.org'");
    const physicians = await db.all<{ email: string }>("SELECT email FROM users WHERE role = 'physician' AND disabled = false ORDER BY id");
    return { siteCode: site[0]?.code, physicians: physicians.map((r) => r.email) };
  } finally {
    await db.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// Crash test: does every write the app acknowledged survive the process being killed at a random moment?
//   node --conditions=react-server --import tsx scripts/crash-test.ts [--rounds 50] [--min-delay-ms 0] [--max-delay-ms 400] [--keep] [--inject-fake-ack]
// Seeds a small demo database in a temp directory, then round after round starts scripts/crash-writer.ts (real
// DAL writes as a physician, an "ACK …" line after each commit) and SIGKILLs it at a random moment. After each
// round it reopens the file (SQLite recovers from the WAL) and checks that every acknowledged write is there
// with its audit row, PRAGMA integrity_check says ok and the audit hash chain verifies. Exit 1 on any loss.
// What it proves: a crash of the app process loses nothing it acknowledged (WAL + BEGIN IMMEDIATE + synchronous=FULL).
// What it cannot prove: survival of a power cut or kernel crash — SIGKILL leaves the OS page cache intact; for
// that, synchronous=FULL is what SQLite documents (https://www.sqlite.org/pragma.html#pragma_synchronous).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { seedDemo } from "@/db/seed/demo";
import { auditKey } from "@/lib/audit/auditKey";
import { todayIso } from "@/lib/outcomes/dates";
import { AUDIT_CHAIN_FIELDS, verifyChain, type ChainRow } from "@/lib/audit/hashChain";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "50" },
    "min-delay-ms": { type: "string", default: "0" },
    "max-delay-ms": { type: "string", default: "400" },
    keep: { type: "boolean", default: false },
    // Proves the checker can fail: adds an acknowledgement for a write that never happened.
    "inject-fake-ack": { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const minDelay = Number(values["min-delay-ms"]);
const maxDelay = Number(values["max-delay-ms"]);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive whole number");

type Ack = { round: number; entity: "patient" | "procedure" | "assessment"; id: number; ref: string };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-crash-"));
const file = path.join(dir, "mild.db");
const writerScript = path.resolve(import.meta.dirname, "crash-writer.ts");

{
  const db = openDatabase(file);
  migrateDatabase(db);
  await seedDemo(db, { procedures: 40, seed: 20261125, end: todayIso(), physicians: 2 });
  db.$client.close();
}

/** One round: start the writer, let it write for a random while after it is ready, SIGKILL it, collect its ACKs. */
function runRound(round: number): Promise<{ acks: Ack[]; killedAfterMs: number; exit: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", writerScript, "--tag", `r${round}`], {
      env: { ...process.env, DATABASE_PATH: file },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acks: Ack[] = [];
    let buffer = "";
    let stderr = "";
    const delay = minDelay + Math.random() * (maxDelay - minDelay);
    let timer: NodeJS.Timeout | undefined;
    let readyAt = 0;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ACK (patient|procedure|assessment) (\d+) (\S+)$/.exec(line);
        if (m) acks.push({ round, entity: m[1] as Ack["entity"], id: Number(m[2]), ref: m[3]! });
        else if (line.startsWith("READY") && !timer) {
          readyAt = performance.now();
          timer = setTimeout(() => child.kill("SIGKILL"), delay);
        }
      }
      // A half-written last line is not an acknowledgement: it stays in `buffer` and is ignored.
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") return reject(new Error(`writer exited on its own (code ${code}, signal ${signal}) in round ${round}:\n${stderr}`));
      resolve({ acks, killedAfterMs: readyAt ? performance.now() - readyAt : 0, exit: signal });
    });
  });
}

type Check = { missing: Ack[]; integrity: string; chain: ReturnType<typeof verifyChain>; rows: number };

/** Reopens the file as a fresh process would and checks every acknowledgement so far. */
function check(acks: Ack[]): Check {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const stmts = {
      patient: sqlite.prepare("select mrn as ref from patients where id = ?"),
      procedure: sqlite.prepare("select cast(patient_id as text) as ref from procedures where id = ?"),
      assessment: sqlite.prepare("select cast(procedure_id as text) as ref from assessments where id = ?"),
    };
    const audited = sqlite.prepare("select 1 from audit_log where entity = ? and entity_id = ? and action = ?");
    const missing = acks.filter((a) => {
      const row = stmts[a.entity].get(a.id) as { ref: string } | undefined;
      return !row || row.ref !== a.ref || !audited.get(a.entity, String(a.id), `${a.entity}.create`);
    });
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const chainRows = sqlite.prepare(`select ${AUDIT_CHAIN_FIELDS} from audit_log order by id`).all() as ChainRow[];
    return { missing, integrity, chain: verifyChain(chainRows, auditKey(file, { create: false })), rows: chainRows.length };
  } finally {
    sqlite.close();
  }
}

const started = performance.now();
const all: Ack[] = [];
let failures = 0;
let emptyRounds = 0;
for (let round = 1; round <= rounds; round++) {
  const { acks, killedAfterMs } = await runRound(round);
  if (round === 1 && values["inject-fake-ack"]) acks.push({ round, entity: "patient", id: 987_654_321, ref: "NEVER-WRITTEN" });
  all.push(...acks);
  if (acks.length === 0) emptyRounds++;
  const result = check(all);
  const ok = result.missing.length === 0 && result.integrity === "ok" && result.chain.ok;
  if (!ok) failures++;
  if (!ok || round === rounds || round % 10 === 0) {
    console.log(
      `round ${round}/${rounds}: killed ${killedAfterMs.toFixed(0)} ms after ready, ${acks.length} acknowledged this round, ${all.length} so far; ` +
        `missing ${result.missing.length}, integrity_check ${result.integrity}, audit chain ${result.chain.ok ? `ok (${result.rows} rows)` : `BROKEN at ${result.chain.brokenAtId}`}`,
    );
  }
  if (result.missing.length)
    console.error(
      "  lost:",
      result.missing
        .slice(0, 10)
        .map((a) => `${a.entity} ${a.id} (round ${a.round})`)
        .join(", "),
    );
}

const final = check(all);
const byEntity = (e: Ack["entity"]) => all.filter((a) => a.entity === e).length;
console.log(
  `\nCrash test: ${rounds} rounds (SIGKILL at random moments), ${all.length} acknowledged writes ` +
    `(${byEntity("patient")} patients, ${byEntity("procedure")} procedures, ${byEntity("assessment")} assessments), ` +
    `losses ${final.missing.length}, integrity_check ${final.integrity}, audit chain ${final.chain.ok ? "ok" : "BROKEN"} (${final.rows} rows), ` +
    `${emptyRounds} rounds killed before their first write, ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
if (values.keep) console.log(`Database kept: ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exit(failures || final.missing.length || final.integrity !== "ok" || !final.chain.ok ? 1 : 0);

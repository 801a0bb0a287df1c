// The writer half of scripts/crash-test.ts (and the "while the app is writing" half of the backup tests).
// Writes patients, procedures and baseline assessments through the real data layer (each write and its audit
// row one transaction — BEGIN IMMEDIATE on SQLite, synchronous=FULL) as a physician, forever, and prints one line per
// committed write — only after the transaction returned:
//   ACK patient <id> <mrn> | ACK procedure <id> <patientId> | ACK assessment <id> <procedureId>
// Run: DATABASE_PATH=… node --conditions=react-server --import tsx scripts/crash-writer.ts [--tag T] [--email E] [--limit N]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sites, users } from "@/db/schema";
import { createAssessment } from "@/lib/dal/records/assessments";
import { createPatient } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { createProcedure } from "@/lib/dal/records/procedures";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";

const { values } = parseArgs({
  options: { tag: { type: "string", default: String(process.pid) }, email: { type: "string", default: "physician1@example.org" }, limit: { type: "string" } },
});

// fs.writeSync: the line is in the pipe before the next write starts, never sitting in a userland buffer. When the
// reader is busy and the pipe is full the write answers EAGAIN: wait a moment and retry, never drop the line or die.
const pause = new Int32Array(new SharedArrayBuffer(4));
const say = (line: string) => {
  const bytes = Buffer.from(line + "\n");
  for (let written = 0; written < bytes.length;) {
    try {
      written += fs.writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
};

const db = getDb();
const [user] = await db.select().from(users).where(eq(users.email, values.email!)).limit(1);
if (!user || user.role !== "physician") throw new Error(`No physician ${values.email} in ${process.env.DATABASE_PATH}`);
const principal: Principal = { id: user.id, email: user.email, name: user.name, role: user.role, siteId: user.siteId };
const siteId = user.siteId ?? (await db.select({ id: sites.id }).from(sites).limit(1))[0].id;

const day = (offset: number) => addDaysIso(todayIso(), offset);
const limit = values.limit ? Number(values.limit) : Infinity;

say(`READY ${process.pid}`);
for (let i = 1; i <= limit; i++) {
  const mrn = `CRASH-${values.tag}-${i}`;
  const patient = await createPatient(principal, {
    siteId,
    mrn,
    name: `Crash Test ${i}`,
    dateOfBirth: "1951-06-0" + ((i % 9) + 1),
    sex: i % 2 ? "female" : "male",
    diagnosis: "stenosis",
  });
  say(`ACK patient ${patient.id} ${mrn}`);
  const procedure = await createProcedure(principal, {
    patientId: patient.id,
    siteId,
    procedureDate: day(-20),
    levels: "L4-L5",
    side: "bilateral",
    anaesthesia: "local",
  });
  say(`ACK procedure ${procedure.id} ${patient.id}`);
  const assessment = await createAssessment(principal, {
    procedureId: procedure.id,
    timepoint: "baseline",
    assessedOn: day(-21),
    nprsBack: String(i % 11),
    nprsLeg: "6",
    odi: "44",
  });
  say(`ACK assessment ${assessment.id} ${procedure.id}`);
}
say("DONE");

// npm run user:create -- --email you@clinic.org --name "Your Name" [--role admin|quality_officer|physician]
// Creates a real account (admin by default). The password is read from the PASSWORD environment variable or
// asked for on the terminal, never taken from the command line where it would land in shell history.
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { closeDatabases } from "@/db/client";
import { prepareConfiguredDatabase } from "@/db/prepare";
import { createAccount } from "@/lib/dal/admin/users";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run user:create -- --email you@clinic.org --name "Your Name" [--role admin|quality_officer|physician]');
  process.exit(2);
}
// Migrated first, never seeded: on the configured backend (SQLite file, or PostgreSQL with DATABASE_URL).
await prepareConfiguredDatabase({ seed: false });

let password = process.env.PASSWORD;
if (!password) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (at least 8 characters): ");
  rl.close();
}
try {
  const user = await createAccount(
    { role: "system", label: `command line (${process.env.USER ?? "unknown"})` },
    { email: values.email, name: values.name, role: values.role, password },
  );
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
} catch (error) {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  console.error(issues ? issues.map((i) => `${String(i.path.join("."))}: ${i.message}`).join("\n") : (error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabases();
}

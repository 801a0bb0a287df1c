// npm run user:create -- --email you@clinic.org --name "Your Name" [--role admin|quality_officer|physician|coordinator] [--site <id, code or name>]…
// Creates a real account (admin by default). A coordinator needs at least one --site (repeat it for several);
// for any other role one --site sets the person's usual site. The password is read from the PASSWORD environment variable or
// asked for on the terminal, never taken from the command line where it would land in shell history.
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { closeDatabases } from "@/db/client";
import { prepareConfiguredDatabase } from "@/db/prepare";
import { createAccount, resolveSiteNames } from "@/lib/dal/admin/users";

/** Each --site as an id, a code or a name; an unknown one stops here, naming it. */
async function resolveSites(given: string[]): Promise<number[]> {
  const found = await resolveSiteNames(given);
  const unknown = given.filter((_, i) => found[i] === null);
  if (unknown.length) throw new Error(`No site ${unknown.map((u) => `"${u}"`).join(", ")}: give a site's id, code or name`);
  return found as number[];
}

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" }, site: { type: "string", multiple: true } },
});
if (!values.email || !values.name) {
  console.error(
    'Usage: npm run user:create -- --email you@clinic.org --name "Your Name" [--role admin|quality_officer|physician|coordinator] [--site <id, code or name>]…',
  );
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
  const siteIds = await resolveSites(values.site ?? []);
  const user = await createAccount(
    { role: "system", label: `command line (${process.env.USER ?? "unknown"})` },
    {
      email: values.email,
      name: values.name,
      role: values.role,
      password,
      siteId: siteIds[0] ?? null,
      coordinatorSiteIds: values.role === "coordinator" ? siteIds : [],
    },
  );
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
} catch (error) {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  console.error(issues ? issues.map((i) => `${String(i.path.join("."))}: ${i.message}`).join("\n") : (error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabases();
}

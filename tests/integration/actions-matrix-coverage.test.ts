/**
 * The authorization table (tests/matrix/expectations.ts) against the source tree, without a server: every page,
 * route handler and server action has an entry and every entry still exists; every action asks for the principal
 * before anything else and delegates to the DAL function its entry names, whose own matrix test exists and names
 * it. The HTTP and in-process matrices then check the outcomes (authorization-matrix.spec.ts, actions-matrix.test.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { calledNames, coverageProblems, discoverPagesAndHandlers, discoverServerActions } from "../matrix/discover";
import { HANDLERS, PAGES, PRINCIPALS, RECORD_KINDS, recordKindsOf, type Cell } from "../matrix/expectations";
import { ACTIONS } from "../matrix/actionExpectations";

const root = process.cwd();
const { pages, handlers } = discoverPagesAndHandlers(root);
const actions = discoverServerActions(root);

describe("the authorization table covers the app", () => {
  it("has an entry for every page and route handler, and a route for every entry", () => {
    const problems = [...coverageProblems("Page", pages, PAGES, "PAGES"), ...coverageProblems("Route handler", handlers, HANDLERS, "HANDLERS")];
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("has an entry for every server action, and an action for every entry", () => {
    const problems = coverageProblems("Server action", actions, ACTIONS, "ACTIONS");
    expect(problems, problems.join("\n")).toEqual([]);
    expect(actions.length).toBeGreaterThan(15);
  });

  it("states an outcome for every principal, and per-record outcomes only where there is a record", () => {
    const problems: string[] = [];
    const check = (key: string, record: unknown, expectations: Record<string, Cell<string>>) => {
      for (const who of PRINCIPALS) {
        const cell = expectations[who];
        if (cell === undefined) problems.push(`${key}: no outcome for ${who}`);
        else if (typeof cell !== "string" && record === null) problems.push(`${key}: per-record outcomes for ${who}, but the entry takes no record`);
        else if (typeof cell !== "string" && RECORD_KINDS.some((k) => cell[k] === undefined)) problems.push(`${key}: ${who} lacks a record kind`);
      }
      for (const who of Object.keys(expectations)) if (!(PRINCIPALS as readonly string[]).includes(who)) problems.push(`${key}: unknown principal ${who}`);
    };
    for (const [key, e] of [...Object.entries(PAGES), ...Object.entries(HANDLERS)]) {
      check(key, e.record, e.expect);
      const namesRecord = e.probe.path.includes("{id}") || Object.values(e.probe.form ?? {}).some((v) => v.includes("{id}"));
      if (e.record !== null && !namesRecord) problems.push(`${key}: takes a ${e.record} but its probe has no {id}`);
      for (const [name, v] of Object.entries(e.variants ?? {})) check(`${key} (${name})`, v.probe.path.includes("{id}") ? e.record : null, v.expect);
    }
    for (const [key, e] of Object.entries(ACTIONS)) check(key, e.record, e.expect);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("every server action", () => {
  it.each(actions.map((a) => [a.key, a] as const))("%s asks for the principal first and calls the DAL function its entry names", (key, action) => {
    const entry = ACTIONS[key];
    expect(entry, `no entry for ${key}`).toBeDefined();
    // The first statement of the body resolves the session: a signed-out or dead session never reaches the DAL.
    const sf = ts.createSourceFile("a.ts", action.source, ts.ScriptTarget.Latest, true);
    const fn = sf.statements[0] as ts.FunctionDeclaration;
    const first = fn.body!.statements[0]!;
    expect(calledNames(first.getText(sf)), `${key} must start with requirePrincipal()`).toContain("requirePrincipal");
    expect(calledNames(action.source), `${key} should call ${entry!.dal}`).toContain(entry!.dal);
  });

  it.each(Object.entries(ACTIONS))("%s names a DAL matrix test that exists and exercises that function", (key, entry) => {
    const file = path.join(root, entry.dalMatrix);
    expect(fs.existsSync(file), `${key}: ${entry.dalMatrix} does not exist`).toBe(true);
    expect(fs.readFileSync(file, "utf8"), `${key}: ${entry.dalMatrix} never calls ${entry.dal}`).toMatch(new RegExp(`\\b${entry.dal}\\(`));
  });
});

describe("the discovery itself", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-matrix-tree-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };

  it("fails a new page, handler method or action without an entry, naming it", () => {
    write("app/(app)/procedures/page.tsx", "export default function P() { return null }");
    write("app/(app)/reports/[id]/page.tsx", "export default function P() { return null }");
    write("app/api/reports/[id]/route.ts", "export async function GET() {}\nexport async function DELETE() {}\nexport const dynamic = 'force-dynamic';");
    write(
      "app/(app)/reports/actions.ts",
      "'use server';\nimport x from 'y';\nexport async function deleteReportAction(id: number, prev: unknown, fd: FormData) {}\n",
    );
    write("components/x/helper.ts", "import 'server-only';\nexport async function notAnAction() {}\n");
    const found = discoverPagesAndHandlers(dir);
    expect(found.pages.map((p) => p.key)).toEqual(["/procedures", "/reports/[id]"]);
    expect(found.handlers.map((h) => h.key)).toEqual(["DELETE /api/reports/[id]", "GET /api/reports/[id]"]);
    const acts = discoverServerActions(dir);
    expect(acts.map((a) => [a.key, a.boundArgs])).toEqual([["app/(app)/reports/actions.ts#deleteReportAction", 1]]);

    const messages = [
      ...coverageProblems("Page", found.pages, { "/procedures": {} }, "PAGES"),
      ...coverageProblems("Route handler", found.handlers, { "GET /api/reports/[id]": {} }, "HANDLERS"),
      ...coverageProblems("Server action", acts, {}, "ACTIONS"),
    ];
    expect(messages).toEqual([
      'Page "/reports/[id]" (app/(app)/reports/[id]/page.tsx) has no entry in PAGES: add one stating what each principal gets for own, other and missing records.',
      'Route handler "DELETE /api/reports/[id]" (app/api/reports/[id]/route.ts) has no entry in HANDLERS: add one stating what each principal gets for own, other and missing records.',
      'Server action "app/(app)/reports/actions.ts#deleteReportAction" (app/(app)/reports/actions.ts) has no entry in ACTIONS: add one stating what each principal gets for own, other and missing records.',
    ]);
  });

  it("fails an entry whose route is gone", () => {
    expect(coverageProblems("Page", [], { "/gone": {} }, "PAGES")).toEqual([
      'Page entry "/gone" in PAGES matches nothing in the source tree any more: remove it or fix its key.',
    ]);
  });

  it("probes three record kinds for an entry with a record, one otherwise", () => {
    expect(recordKindsOf("procedure")).toEqual(["own", "other", "missing"]);
    expect(recordKindsOf(null)).toEqual([null]);
  });
});

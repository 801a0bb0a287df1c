/**
 * What the authorization matrix must cover, read from the source tree rather than written down by hand, so a
 * new page, route handler, HTTP method or server action cannot slip in without an expectation:
 *  - pages: every `page.tsx` under app/ (route groups like `(app)` vanish from the URL; `[id]` stays as the
 *    placeholder, as Next writes it);
 *  - route handlers: every `route.ts` under app/, once per exported HTTP method (`GET /api/import/template.csv`);
 *  - server actions: every exported async function of every file whose first statement is `"use server"`,
 *    wherever it lives (app/, components/, lib/), keyed `path#name`.
 * Parsed with the TypeScript compiler, not regular expressions, so formatting cannot hide an export.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type DiscoveredPage = { key: string; pattern: string; file: string };
export type DiscoveredHandler = { key: string; method: string; pattern: string; file: string };
export type DiscoveredAction = { key: string; file: string; name: string; boundArgs: number; source: string };

const SKIP_DIRS = new Set(["node_modules", ".git", "test-results", "playwright-report", "data", "bench-data"]);

function walk(dir: string, visit: (file: string) => void) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".next")) walk(path.join(dir, entry.name), visit);
    } else visit(path.join(dir, entry.name));
  }
}

const posix = (p: string) => p.split(path.sep).join("/");

/** app/(app)/procedures/[id]/edit/page.tsx → /procedures/[id]/edit */
export function routePatternOf(fileUnderApp: string): string {
  const segments = posix(fileUnderApp).split("/").slice(0, -1);
  const kept = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return "/" + kept.join("/");
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names a module exports, with the function-like node behind each where there is one. */
function exportsOf(sf: ts.SourceFile): { name: string; fn: ts.FunctionLikeDeclaration | null; statement: ts.Node }[] {
  const out: { name: string; fn: ts.FunctionLikeDeclaration | null; statement: ts.Node }[] = [];
  const localFns = new Map<string, ts.FunctionLikeDeclaration>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) localFns.set(st.name.text, st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
          localFns.set(d.name.text, d.initializer);
      }
    }
  }
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && isExported(st)) out.push({ name: st.name.text, fn: st, statement: st });
    else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const init = d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) ? d.initializer : null;
        out.push({ name: d.name.text, fn: init, statement: st });
      }
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      // `export { handler as GET, handler as POST }`
      for (const el of st.exportClause.elements) {
        if (el.isTypeOnly) continue;
        const local = (el.propertyName ?? el.name).text;
        out.push({ name: el.name.text, fn: localFns.get(local) ?? null, statement: st });
      }
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.moduleSpecifier) {
      // Re-exports from another module: counted by name; the other module is discovered on its own.
      if (st.exportClause && ts.isNamedExports(st.exportClause))
        for (const el of st.exportClause.elements) if (!el.isTypeOnly) out.push({ name: el.name.text, fn: null, statement: st });
    }
  }
  return out;
}

/** Whether the module's directive prologue says "use server" (it must come before any import to count). */
export function isUseServerModule(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression)) {
      if (st.expression.text === "use server") return true;
      continue;
    }
    return false;
  }
  return false;
}

export function discoverPagesAndHandlers(root = process.cwd()): { pages: DiscoveredPage[]; handlers: DiscoveredHandler[] } {
  const appDir = path.join(root, "app");
  const pages: DiscoveredPage[] = [];
  const handlers: DiscoveredHandler[] = [];
  walk(appDir, (file) => {
    const rel = path.relative(appDir, file);
    const base = path.basename(file);
    if (/^page\.(t|j)sx?$/.test(base)) {
      const pattern = routePatternOf(rel);
      pages.push({ key: pattern, pattern, file: posix(path.relative(root, file)) });
    } else if (/^route\.(t|j)sx?$/.test(base)) {
      const pattern = routePatternOf(rel);
      for (const { name } of exportsOf(parse(file))) {
        if ((HTTP_METHODS as readonly string[]).includes(name))
          handlers.push({ key: `${name} ${pattern}`, method: name, pattern, file: posix(path.relative(root, file)) });
      }
    }
  });
  pages.sort((a, b) => a.key.localeCompare(b.key));
  handlers.sort((a, b) => a.key.localeCompare(b.key));
  return { pages, handlers };
}

export function discoverServerActions(root = process.cwd(), dirs = ["app", "components", "lib"]): DiscoveredAction[] {
  const actions: DiscoveredAction[] = [];
  for (const dir of dirs) {
    walk(path.join(root, dir), (file) => {
      if (!/\.(t|j)sx?$/.test(file) || /\.d\.ts$/.test(file)) return;
      const text = fs.readFileSync(file, "utf8");
      if (!text.includes("use server")) return;
      const sf = parse(file);
      if (!isUseServerModule(sf)) return;
      const rel = posix(path.relative(root, file));
      for (const { name, fn } of exportsOf(sf)) {
        // Next allows only async functions to be exported from a "use server" module; anything else exported
        // is still reachable as an action id, so it is listed too (and will lack an expectation).
        const params = fn ? fn.parameters.length : 0;
        actions.push({ key: `${rel}#${name}`, file: rel, name, boundArgs: Math.max(0, params - 2), source: fn ? fn.getText(sf) : "" });
      }
    });
  }
  return actions.sort((a, b) => a.key.localeCompare(b.key));
}

/** The identifiers a function calls directly or through `await`, e.g. ["requirePrincipal", "createPatient"]. */
export function calledNames(source: string): string[] {
  const sf = ts.createSourceFile("fn.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) names.push(callee.text);
      else if (ts.isPropertyAccessExpression(callee)) names.push(callee.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/**
 * Compares what was discovered with the keys of an expectation table: every discovered key needs an entry
 * and every entry must still exist. Returns one human-readable line per problem (empty when they agree).
 */
export function coverageProblems(kind: string, discovered: { key: string; file?: string }[], table: Record<string, unknown>, where: string): string[] {
  const known = new Set(Object.keys(table));
  const found = new Set(discovered.map((d) => d.key));
  const problems: string[] = [];
  for (const d of discovered) {
    if (!known.has(d.key))
      problems.push(
        `${kind} "${d.key}"${d.file ? ` (${d.file})` : ""} has no entry in ${where}: add one stating what each principal gets for own, other and missing records.`,
      );
  }
  for (const key of known)
    if (!found.has(key)) problems.push(`${kind} entry "${key}" in ${where} matches nothing in the source tree any more: remove it or fix its key.`);
  return problems;
}

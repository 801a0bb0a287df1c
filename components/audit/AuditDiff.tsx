/**
 * An audit entry's before/after as a readable diff: for a change, only the fields that changed (old struck
 * through, new beside it); for a creation or an event, the values recorded. Pure rendering (no hooks), so it
 * works in server and client components alike.
 */

type Row = Record<string, unknown>;

// Bookkeeping that changes with every edit and says nothing the entry's time does not already say.
const NOISE = new Set(["updatedAt"]);

const LABELS: Record<string, string> = {
  mrn: "MRN",
  nprsBack: "NPRS back",
  nprsLeg: "NPRS leg",
  odi: "ODI",
  odiSections: "ODI sections",
  siteId: "Site id",
  patientId: "Patient id",
  procedureId: "Procedure id",
  physicianId: "Physician id",
  primaryPhysicianId: "Primary physician id",
  externalId: "External id",
  adjudicationNote: "Adjudication reason",
  finalGrade: "Final grade",
  finalRelatedness: "Final relatedness",
  informationAnswer: "Answer",
};

/** `finalGrade` → "Final grade"; a few abbreviations kept as clinicians write them. */
export function fieldLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Fields holding a user id: shown with the person's name, which the id alone does not tell a reader. */
const USER_FIELDS = new Set(["adjudicatedBy", "reportedBy", "createdBy", "physicianId", "primaryPhysicianId", "authorId"]);
const blank = (v: unknown) => v === null || v === undefined || v === "";

const isRow = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type DiffLine = { key: string; kind: "changed" | "added" | "removed" | "value"; before?: unknown; after?: unknown };

/** The lines to show for one entry; exported for tests. */
export function diffLines(before: unknown, after: unknown): DiffLine[] {
  if (isRow(before) && isRow(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !NOISE.has(k));
    return keys
      .filter((k) => !same(before[k], after[k]))
      .map((k) =>
        blank(before[k])
          ? { key: k, kind: "added", after: after[k] }
          : blank(after[k])
            ? { key: k, kind: "removed", before: before[k] }
            : { key: k, kind: "changed", before: before[k], after: after[k] },
      );
  }
  if (isRow(after) && (before === null || before === undefined)) {
    return Object.keys(after)
      .filter((k) => !NOISE.has(k) && after[k] !== null && after[k] !== undefined && after[k] !== "")
      .map((k) => ({ key: k, kind: "value", after: after[k] }));
  }
  if (isRow(before) && (after === null || after === undefined)) {
    return Object.keys(before)
      .filter((k) => !NOISE.has(k))
      .map((k) => ({ key: k, kind: "removed", before: before[k] }));
  }
  if (before === null && after === null) return [];
  return [{ key: "value", kind: before === null || before === undefined ? "value" : "changed", before, after }];
}

export function AuditDiff({ before, after, userNames = {} }: { before: unknown; after: unknown; userNames?: Record<string, string> }) {
  const lines = diffLines(before, after);
  const show = (key: string, value: unknown) => {
    const text = formatAuditValue(value);
    return USER_FIELDS.has(key) && typeof value === "number" && userNames[value] ? `${userNames[value]} (${text})` : text;
  };
  if (lines.length === 0) return <span className="audit-diff-empty">{before === null && after === null ? "no values recorded" : "no field changed"}</span>;
  return (
    <table className="audit-diff">
      <caption className="visually-hidden">{isRow(before) && isRow(after) ? "Changed fields: before and after" : "Recorded values"}</caption>
      <tbody>
        {lines.map((l) => (
          <tr key={l.key}>
            <th scope="row">{fieldLabel(l.key)}</th>
            <td className="audit-value">
              {l.kind === "changed" && (
                <>
                  <del aria-label={`before: ${show(l.key, l.before)}`}>{show(l.key, l.before)}</del>
                  <span className="audit-arrow" aria-hidden="true">
                    →
                  </span>
                  <ins aria-label={`after: ${show(l.key, l.after)}`}>{show(l.key, l.after)}</ins>
                </>
              )}
              {l.kind === "added" && <ins aria-label={`added: ${show(l.key, l.after)}`}>{show(l.key, l.after)}</ins>}
              {l.kind === "removed" && <del aria-label={`removed: ${show(l.key, l.before)}`}>{show(l.key, l.before)}</del>}
              {l.kind === "value" && show(l.key, l.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

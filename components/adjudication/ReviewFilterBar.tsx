import Link from "next/link";
import { COMPLICATION_TYPES } from "@/db/enums";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS, CLAVIEN_DINDO } from "@/components/records/labels";
import { REVIEW_AGE_FILTERS, type ReviewQueueQuery } from "@/lib/dal/adjudication";

type Option = { id: number; name: string };

/** A plain GET form, so the queue's view lives in the URL and works before any JavaScript has loaded. */
export function ReviewFilterBar({ query, physicians }: { query: ReviewQueueQuery; physicians: Option[] }) {
  return (
    <form className="filter-bar" method="get" action="/quality/review" aria-label="Filter the review queue">
      <label className="field compact">
        <span>Status</span>
        <select name="status" defaultValue={query.status}>
          <option value="open">Open (awaiting or needs information)</option>
          <option value="pending">{ADJUDICATION_LABELS.pending}</option>
          <option value="needs_info">{ADJUDICATION_LABELS.needs_info}</option>
          <option value="confirmed">{ADJUDICATION_LABELS.confirmed}</option>
          <option value="rejected">{ADJUDICATION_LABELS.rejected}</option>
          <option value="all">All reports</option>
        </select>
      </label>
      <label className="field compact">
        <span>Physician</span>
        <select name="physician" defaultValue={query.physician ?? ""}>
          <option value="">All physicians</option>
          {physicians.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Type</span>
        <select name="type" defaultValue={query.type ?? ""}>
          <option value="">Any type</option>
          {COMPLICATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {COMPLICATION_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Grade (reported)</span>
        <select name="grade" defaultValue={query.grade ?? ""}>
          <option value="">Any grade</option>
          {CLAVIEN_DINDO.map((g) => (
            <option key={g.grade} value={g.grade}>
              {g.roman}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Age of report</span>
        <select name="age" defaultValue={query.age ?? ""}>
          <option value="">Any age</option>
          {REVIEW_AGE_FILTERS.map((a) => (
            <option key={a} value={a}>
              Reported {a}+ days ago
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <input type="hidden" name="size" value={query.size} />
      {query.hide && <input type="hidden" name="hide" value={query.hide} />}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <Link href="/quality/review" className="button subtle-light">
          Clear
        </Link>
      </div>
    </form>
  );
}

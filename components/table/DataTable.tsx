"use client";

import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useTransition } from "react";
import { ScrollBox } from "./ScrollBox";

/**
 * The one table kit: server-side pagination and sorting driven by the URL (so a view can be bookmarked and
 * shared), plus column visibility, also kept in the URL (`hide=`). The server hands over one page of rows
 * and the total; this component only renders and changes the URL.
 */
export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnVisibilityFeature });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumn<T extends RowData> = ColumnDef<typeof dataTableFeatures, T, any>;

export type DataTableView = { page: number; size: number; sort: string; dir: "asc" | "desc"; hidden: string[] };

/** One page of a list as the server sends it: its rows, how many match in all, and the view from the URL. */
export type ListPage<T> = { rows: T[]; total: number; view: DataTableView };

type Props<T extends RowData & { id: number | string }> = ListPage<T> & {
  caption: string;
  columns: DataTableColumn<T>[];
  pageSizes?: readonly number[];
  emptyMessage: string;
};

function resolve<S>(updater: Updater<S>, current: S): S {
  return typeof updater === "function" ? (updater as (old: S) => S)(current) : updater;
}

export function DataTable<T extends RowData & { id: number | string }>({
  caption,
  columns,
  rows,
  total,
  view,
  pageSizes = [10, 25, 50, 100],
  emptyMessage,
}: Props<T>) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const captionId = useId();

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    startTransition(() => router.push(`${pathname}?${next.toString()}`, { scroll: false }));
  };

  const sorting: SortingState = [{ id: view.sort, desc: view.dir === "desc" }];
  const columnVisibility = Object.fromEntries(view.hidden.map((id) => [id, false]));
  const pageCount = Math.max(1, Math.ceil(total / view.size));

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    // Every list row is a record: its id keys the row, so selection and focus survive a re-sort.
    getRowId: (row) => String(row.id),
    rowCount: total,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting, pagination: { pageIndex: view.page - 1, pageSize: view.size }, columnVisibility },
    onSortingChange: (updater) => {
      const [first] = resolve(updater, sorting);
      if (first) navigate({ sort: first.id, dir: first.desc ? "desc" : "asc", page: null });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, { pageIndex: view.page - 1, pageSize: view.size });
      navigate({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : null, size: String(next.pageSize) });
    },
    onColumnVisibilityChange: (updater) => {
      const next = resolve(updater, columnVisibility);
      const hidden = Object.entries(next)
        .filter(([, visible]) => !visible)
        .map(([id]) => id);
      navigate({ hide: hidden.join(",") || null });
    },
  });

  const first = total === 0 ? 0 : (view.page - 1) * view.size + 1;
  const last = Math.min(view.page * view.size, total);

  return (
    <div className={`data-table-kit${pending ? " is-pending" : ""}`} aria-busy={pending}>
      <div className="table-toolbar">
        <p className="muted small" role="status">
          {total === 0 ? "No rows" : `Showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}`}
          {pending && " · updating…"}
        </p>
        <details className="column-picker">
          <summary>Columns</summary>
          <fieldset>
            <legend className="visually-hidden">Visible columns</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((column) => (
                <label key={column.id} className="check">
                  <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
                  {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
                </label>
              ))}
          </fieldset>
        </details>
      </div>
      <ScrollBox labelledBy={captionId}>
        <table className="data-table">
          <caption id={captionId} className="visually-hidden">
            {caption}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta as { numeric?: boolean } | undefined;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={meta?.numeric ? "num" : undefined}
                      aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="sort-mark">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={table.getVisibleLeafColumns().length} className="empty">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as { numeric?: boolean } | undefined;
                    return (
                      <td key={cell.id} className={meta?.numeric ? "num" : undefined}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ScrollBox>
      <nav className="pager" aria-label="Pages">
        <button type="button" className="button subtle-light" onClick={() => table.previousPage()} disabled={view.page <= 1}>
          ← Previous
        </button>
        <span className="small">
          Page {view.page.toLocaleString("en-GB")} of {pageCount.toLocaleString("en-GB")}
        </span>
        <button type="button" className="button subtle-light" onClick={() => table.nextPage()} disabled={view.page >= pageCount}>
          Next →
        </button>
        <label className="small">
          Rows per page{" "}
          <select value={view.size} onChange={(e) => navigate({ size: e.target.value, page: null })}>
            {pageSizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}

import { ScrollBox } from "./ScrollBox";
import { Fragment, useId, type ReactNode } from "react";

/**
 * The table kit's static table: a caption, column headers and one row per item, server-rendered (it prints and
 * works without JavaScript). Lists that sort, filter, page or hide columns use DataTable instead. The first
 * column marked `rowHeader` names the row for screen readers; `num` right-aligns figures.
 */
export type SimpleColumn<T> = {
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** A figure: right-aligned, in header and cells. */
  num?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The header is read out but not shown (an actions column). */
  hiddenHeader?: boolean;
  /** Extra class of the column's cells, e.g. `nowrap`. */
  className?: string;
  /** false leaves the column out (a column only some viewers get). */
  when?: boolean;
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

export function SimpleTable<T>({
  caption,
  hiddenCaption,
  columns,
  rows,
  rowKey,
  className,
  scroll,
  empty,
  rowClassName,
  rowId,
  after,
}: {
  caption?: ReactNode;
  /** The caption is read out but not shown (the heading above says it). */
  hiddenCaption?: boolean;
  columns: SimpleColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  /** Classes besides `data-table`, e.g. `compact`. */
  className?: string;
  /** Extra classes of the box the table scrolls sideways in on a narrow screen (every table has one, so none widens the page). */
  scroll?: string;
  /** What one full-width row says when there are no rows. */
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  rowId?: (row: T) => string;
  /** Rows shown under a row (an open edit panel). */
  after?: (row: T) => ReactNode;
}) {
  const captionId = useId();
  const shown = columns.filter((c) => c.when !== false);
  const table = (
    <table className={classes("data-table", className)}>
      {caption && (
        <caption id={captionId} className={hiddenCaption ? "visually-hidden" : undefined}>
          {caption}
        </caption>
      )}
      <thead>
        <tr>
          {shown.map((c, i) => (
            <th key={i} scope="col" className={c.num ? "num" : undefined}>
              {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={shown.length} className="empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row, r) => (
            <Fragment key={rowKey(row, r)}>
              <tr id={rowId?.(row)} className={rowClassName?.(row)}>
                {shown.map((c, i) => {
                  const className = classes(c.num && "num", c.className);
                  return c.rowHeader ? (
                    <th key={i} scope="row" className={className}>
                      {c.cell(row, r)}
                    </th>
                  ) : (
                    <td key={i} className={className}>
                      {c.cell(row, r)}
                    </td>
                  );
                })}
              </tr>
              {after?.(row)}
            </Fragment>
          ))
        )}
      </tbody>
    </table>
  );
  return (
    <ScrollBox labelledBy={caption ? captionId : undefined} className={scroll}>
      {table}
    </ScrollBox>
  );
}

/** A record's assessments or complications: one row per stored record, keyed by its id, scrolling sideways on a narrow screen. */
export function RecordTable<T extends { id: number }>({ caption, columns, rows }: { caption: string; columns: SimpleColumn<T>[]; rows: readonly T[] }) {
  return <SimpleTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.id} className="record-table" />;
}

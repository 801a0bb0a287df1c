/**
 * The text alternative every chart carries: the same numbers as a table, behind "Show as table".
 * Plain server-rendered HTML, so it also prints and works without JavaScript.
 */
import { SimpleTable } from "@/components/table/SimpleTable";

export type ChartTableColumn = { key: string; label: string; numeric?: boolean };
export type ChartTableRow = Record<string, string | number>;

export function ChartTable({ caption, columns, rows, open = false }: { caption: string; columns: ChartTableColumn[]; rows: ChartTableRow[]; open?: boolean }) {
  return (
    <details className="chart-table" open={open}>
      <summary>Show as table</summary>
      <SimpleTable
        caption={caption}
        columns={columns.map((c, j) => ({ header: c.label, num: c.numeric, rowHeader: j === 0, cell: (r: ChartTableRow) => r[c.key] }))}
        rows={rows}
        rowKey={(_, i) => i}
        className="compact"

        empty="Nothing to show."
      />
    </details>
  );
}

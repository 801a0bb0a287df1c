/**
 * The text alternative every chart carries: the same numbers as a table, behind "Show as table".
 * Plain server-rendered HTML, so it also prints and works without JavaScript.
 */
export type ChartTableColumn = { key: string; label: string; numeric?: boolean };
export type ChartTableRow = Record<string, string | number>;

export function ChartTable({ caption, columns, rows, open = false }: { caption: string; columns: ChartTableColumn[]; rows: ChartTableRow[]; open?: boolean }) {
  return (
    <details className="chart-table" open={open}>
      <summary>Show as table</summary>
      <div className="table-scroll">
        <table className="data-table compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  Nothing to show.
                </td>
              </tr>
            ) : (
              rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((c, j) =>
                    j === 0 ? (
                      <th key={c.key} scope="row" className={c.numeric ? "num" : undefined}>
                        {r[c.key]}
                      </th>
                    ) : (
                      <td key={c.key} className={c.numeric ? "num" : undefined}>
                        {r[c.key]}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

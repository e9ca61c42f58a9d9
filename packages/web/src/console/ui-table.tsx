import type { ReactNode } from 'react';

/** A console table that scrolls sideways on narrow screens: one header row, then the rows given. */
export function DataTable({
  columns,
  testId,
  caption,
  children,
}: {
  /** Column titles, already translated; each must differ (it keys its cell). */
  columns: readonly string[];
  testId?: string;
  /** The table's title, read out with it (already translated). */
  caption?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((title) => (
              <th key={title} scope="col">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

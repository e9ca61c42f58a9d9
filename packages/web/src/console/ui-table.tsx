import type { ReactNode } from 'react';

/** A console table that scrolls sideways on narrow screens: one header row, then the rows given. */
export function DataTable({
  columns,
  testId,
  children,
}: {
  /** Column titles, already translated; each must differ (it keys its cell). */
  columns: readonly string[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
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

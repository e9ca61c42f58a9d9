import type { ReactNode } from 'react';
import { TableHead } from '../ui/TableHead.tsx';
import { Loading } from './ui-loading.tsx';

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
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A table of rows loaded from the server: "Loading…" while `rows` is not here (when `loading` is
 * set; a failed load is the screen's to say), the `empty` line when there are none, else the table.
 */
export function RowsTable<T>({
  rows,
  loading = false,
  empty,
  row,
  ...table
}: {
  rows: readonly T[] | null | undefined;
  loading?: boolean;
  /** What to say when there are no rows (already translated). */
  empty: string;
  columns: readonly string[];
  testId?: string;
  caption?: string;
  row: (item: T) => ReactNode;
}) {
  if (!rows) return loading ? <Loading /> : null;
  if (rows.length === 0) return <p>{empty}</p>;
  return <DataTable {...table}>{rows.map((item) => row(item))}</DataTable>;
}

import type { ImportReport } from '@lamina/contract';
import { type FormEvent, useState } from 'react';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { useT } from './i18n.ts';
import { explainFailure } from './ui-status.tsx';
import { DataTable } from './ui-table.tsx';

const dateFormats = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY'] as const;

/** Bulk enrolment from a scheduling system's CSV export (issue 15): check first, then all or none. */
export default function ImportPatients() {
  const { t } = useT();
  const [csv, setCsv] = useState<string | null>(null);
  const [dateFormat, setDateFormat] = useState<(typeof dateFormats)[number]>('YYYY-MM-DD');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (csv === null) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await api.post<ImportReport>('/api/patients/import', { csv, dryRun, dateFormat }));
    } catch (e) {
      setError(explainFailure(e, t('console.loadError')));
    } finally {
      setBusy(false);
    }
  }

  const check = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };
  const ready = report?.dryRun && report.counts.errors === 0 && report.counts.new > 0;
  return (
    <div>
      <h1>{t('import.title')}</h1>
      <p className="hint">{t('import.intro')}</p>
      <form className="card" onSubmit={check} aria-label={t('import.title')}>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              setReport(null);
              const file = e.target.files?.[0];
              setCsv(file ? await file.text() : null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="import-dates">{t('import.dateFormat')}</label>
          <select
            id="import-dates"
            value={dateFormat}
            onChange={(e) => {
              setReport(null);
              setDateFormat(e.target.value as (typeof dateFormats)[number]);
            }}
          >
            {dateFormats.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" disabled={csv === null || busy}>
            {t('import.check')}
          </button>{' '}
          {ready ? (
            <button type="button" disabled={busy} onClick={() => void send(false)}>
              {t('import.run', { count: report.counts.new })}
            </button>
          ) : null}
        </p>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {report ? (
        <section aria-labelledby="import-report-h">
          <h2 id="import-report-h" role="status" data-testid="import-summary">
            {report.enrolled
              ? t('import.done', { count: report.counts.new })
              : t('import.summary', {
                  rows: report.counts.rows,
                  new: report.counts.new,
                  existing: report.counts.alreadyEnrolled,
                  errors: report.counts.errors,
                })}
          </h2>
          <DataTable columns={[t('import.row'), t('import.name'), t('import.result')]}>
            {report.rows.map((row) => (
              <tr key={row.row} data-testid="import-row">
                <td>{row.row}</td>
                <td>
                  {row.patientId ? (
                    <Link href={`/console/patients/${row.patientId}`}>{row.name}</Link>
                  ) : (
                    row.name
                  )}
                </td>
                <td>
                  {row.status === 'error' ? (
                    <span className="error" lang="en">
                      {row.errors.join('; ')}
                    </span>
                  ) : (
                    t(
                      `import.status.${row.status === 'new' && report.enrolled ? 'enrolled' : row.status}` as ConsoleKey,
                    )
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}

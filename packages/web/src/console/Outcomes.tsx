import type { AlertLevel, OutcomeGroup } from '@lamina/contract';
import { useLoaded } from '../lib/use-loaded.ts';
import { useT } from './i18n.ts';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

const levels: AlertLevel[] = ['emergency', 'urgent', 'contact'];
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** A table by PROM timepoint: how many of how many were counted (`counted`), and that share. */
function ByTimepoint({
  caption,
  counted,
  share,
  rows,
}: {
  caption: string;
  counted: string;
  share: string;
  /** Per timepoint: [timepoint, counted, out of, share]. */
  rows: [timepoint: string, count: number, of: number, share: number | null][];
}) {
  const { t } = useT();
  return (
    <DataTable columns={[t('outcomes.timepoint'), counted, share]} caption={caption}>
      {rows.map(([timepoint, count, of, rate]) => (
        <tr key={timepoint}>
          <th scope="row">{t(`timepoint.${timepoint}` as 'timepoint.baseline')}</th>
          <td>
            {count} / {of}
          </td>
          <td>{pct(rate)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The clinic's outcomes by region and procedure, as the API computes them; CSV for the rest. */
export default function Outcomes() {
  const { t } = useT();
  const { data, failed } = useLoaded<{ groups: OutcomeGroup[] }>('/api/outcomes');
  const groups = data?.groups;
  return (
    <div>
      <div className="queue-head">
        <h1>{t('outcomes.title')}</h1>
        <a className="button secondary" href="/api/outcomes.csv" download>
          {t('outcomes.csv')}
        </a>
      </div>
      <p className="lead">{t('outcomes.intro')}</p>
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {!groups && !failed ? <Loading /> : null}
      {groups && groups.length === 0 ? <p>{t('outcomes.none')}</p> : null}
      {(groups ?? []).map((g) => {
        const id = `g-${g.region}-${g.procedure}`;
        return (
          <section key={id} className="card" aria-labelledby={id}>
            <h2 id={id}>
              {t(`region.${g.region}` as 'region.lumbar')} ·{' '}
              {t(`procedure.${g.procedure}` as 'procedure.laminectomy')}
            </h2>
            <p>
              {t('outcomes.patients', { count: g.patients })} ·{' '}
              {t('outcomes.patientWeeks', { weeks: g.patientWeeks })} ·{' '}
              <strong>{t('outcomes.overdue', { count: g.overdue })}</strong>
            </p>
            <ByTimepoint
              caption={t('outcomes.promCompletion')}
              counted={t('outcomes.completed')}
              share={t('outcomes.rate')}
              rows={g.promCompletion.map((p) => [p.timepoint, p.completed, p.opened, p.rate])}
            />
            <ByTimepoint
              caption={t('outcomes.mcid')}
              counted={t('outcomes.improved')}
              share={t('outcomes.share')}
              rows={g.mcid.map((m) => [m.timepoint, m.improved, m.measured, m.share])}
            />
            <DataTable
              columns={[t('outcomes.level'), t('outcomes.per100'), t('outcomes.medianAck')]}
              caption={t('outcomes.alerts')}
            >
              {levels.map((level) => (
                <tr key={level}>
                  <th scope="row">{t(`level.${level}`)}</th>
                  <td>{g.alertsPer100PatientWeeks[level]}</td>
                  <td>{g.medianMinutesToAcknowledge[level] ?? '–'}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </div>
  );
}

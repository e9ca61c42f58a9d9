import type { AppStatusList, PatientListItem } from '@lamina/contract';
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { daysBetween, localDate } from '../lib/dates.ts';
import { Link } from '../lib/router.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { AppStatusBadge, type AppStatusRow } from './AppStatus.tsx';
import { useT } from './i18n.ts';
import { InlineField } from './ui-field.tsx';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

/** Every patient the signed-in person may see (a reviewer: only the cases assigned to them). */
export default function Patients({
  canEnrol = false,
  appStatus = false,
}: {
  canEnrol?: boolean;
  /** Show who is invited, who has signed in, who has never checked in (care team; issue 15). */
  appStatus?: boolean;
}) {
  const { t, date } = useT();
  const { data, failed } = useLoaded<{ patients: PatientListItem[] }>('/api/patients');
  const patients = data?.patients;
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<Map<string, AppStatusRow> | null>(null);
  useEffect(() => {
    if (!appStatus) return;
    api
      .get<AppStatusList>('/api/patient-invitations')
      .then((r) => setStatus(new Map(r.patients.map((row) => [row.patientId, row]))))
      .catch(() => setStatus(new Map()));
  }, [appStatus]);
  const today = localDate(new Date());
  const shown = (patients ?? []).filter((p) =>
    `${p.givenName} ${p.familyName}`.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <div>
      <h1>{t('patients.title')}</h1>
      {canEnrol ? (
        <p className="actions">
          <Link href="/console/patients/new">{t('enrol.link')}</Link> ·{' '}
          <Link href="/console/patients/import">{t('enrol.importLink')}</Link>
        </p>
      ) : null}
      <InlineField
        label={t('patients.find')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {!patients && !failed ? <Loading /> : null}
      {patients ? (
        <DataTable
          columns={[
            t('patients.name'),
            t('patients.surgery'),
            t('patients.day'),
            t('patients.openAlerts'),
            ...(appStatus ? [t('app.column')] : []),
          ]}
        >
          {shown.map((p) => (
            <tr key={p.id} data-patient-id={p.id}>
              <td>
                <Link href={`/console/patients/${p.id}`}>
                  {p.givenName} {p.familyName}
                </Link>
              </td>
              <td>{p.surgeryDate ? date(p.surgeryDate, 'short') : '–'}</td>
              <td>{p.surgeryDate ? daysBetween(p.surgeryDate, today) : '–'}</td>
              <td>{p.openAlerts > 0 ? <strong>{p.openAlerts}</strong> : 0}</td>
              {appStatus ? (
                <td>
                  {status?.get(p.id) ? (
                    <AppStatusBadge row={status.get(p.id) as AppStatusRow} />
                  ) : (
                    '–'
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}

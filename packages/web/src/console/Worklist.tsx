import type { WorklistEntryDto as Entry, Worklist as WorklistAnswer } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { dateTime, useT } from './i18n.ts';
import { Loading } from './ui-loading.tsx';

/** "Not heard from" (issue 16): one entry per patient until acknowledged. */
export default function Worklist() {
  const { t, lang } = useT();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setEntries((await api.get<WorklistAnswer>('/api/worklist')).entries);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('console.loadError'));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function acknowledge(entry: Entry) {
    try {
      await api.post(`/api/worklist/${entry.patientId}/acknowledge`, { reason: entry.reason });
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('console.loadError'));
    }
  }

  if (!entries) return error ? <p role="alert">{error}</p> : <Loading />;
  return (
    <main id="main" data-testid="worklist">
      <h1>{t('worklist.title')}</h1>
      <p>{t('worklist.intro')}</p>
      {error ? <p role="alert">{error}</p> : null}
      {entries.length === 0 ? (
        <p>{t('worklist.none')}</p>
      ) : (
        <ul className="cards">
          {entries.map((e) => (
            <li
              key={`${e.patientId} ${e.reason}`}
              className={`card ${e.reason === 'after-alert' ? 'urgent' : ''}`}
            >
              <h2>
                <Link href={`/console/patients/${e.patientId}`}>{e.name}</Link>
              </h2>
              <p>
                <strong>{t(`worklist.reason.${e.reason}`, { days: e.days })}</strong>
              </p>
              {e.reason === 'after-alert' && e.missedDays !== null ? (
                <p>{t('worklist.alsoMissed', { days: e.missedDays })}</p>
              ) : null}
              <p>
                {t('worklist.lastCheckin')}:{' '}
                {e.lastCheckinAt ? dateTime(e.lastCheckinAt, lang) : t('worklist.never')}
              </p>
              <p className="actions">
                {e.callLink ? (
                  <a className="button" href={e.callLink}>
                    {t('worklist.call')} {e.phone}
                  </a>
                ) : (
                  <span>{t('worklist.noPhone')}</span>
                )}{' '}
                <Link className="button secondary" href={`/console/patients/${e.patientId}`}>
                  {t('worklist.message')}
                </Link>{' '}
                <button type="button" className="secondary" onClick={() => acknowledge(e)}>
                  {t('worklist.acknowledge')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

import type { StaffConnection, StaffVolunteer } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { dateTime, useT } from './i18n.ts';
import { RowsTable } from './ui-table.tsx';

type VolunteerRow = StaffVolunteer;
type ConnectionRow = StaffConnection;

/** Peer volunteers (approve, pause) and peer conversations (end): oversight, never the messages. */
export default function Peers() {
  const { t, lang } = useT();
  const [volunteers, setVolunteers] = useState<VolunteerRow[] | null>(null);
  const [connections, setConnections] = useState<ConnectionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showFailure = useCallback(
    (failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : t('console.loadError')),
    [t],
  );
  const load = useCallback(async () => {
    try {
      const [v, c] = await Promise.all([
        api.get<{ volunteers: VolunteerRow[] }>('/api/peer-volunteers'),
        api.get<{ connections: ConnectionRow[] }>('/api/peer-connections'),
      ]);
      setVolunteers(v.volunteers);
      setConnections(c.connections);
    } catch (failure) {
      showFailure(failure);
    }
  }, [showFailure]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (path: string, body: unknown = {}) => {
    setError(null);
    try {
      await api.post(path, body);
      await load();
    } catch (failure) {
      showFailure(failure);
    }
  };
  /** The clinic's safety pause for one volunteer, or lifting it. */
  const pauseButton = (v: VolunteerRow, paused: boolean) => (
    <button
      type="button"
      className="secondary"
      onClick={() => void act(`/api/peer-volunteers/${v.volunteerId}/pause`, { paused })}
    >
      {t(paused ? 'peerAdmin.pause' : 'peerAdmin.resume', { name: v.patientName })}
    </button>
  );

  return (
    <div>
      <h1>{t('peerAdmin.title')}</h1>
      <p>{t('peerAdmin.intro')}</p>
      {error ? <p role="alert">{error}</p> : null}
      <section className="card" aria-labelledby="peer-volunteers-h">
        <h2 id="peer-volunteers-h">{t('peerAdmin.volunteers')}</h2>
        <RowsTable
          rows={volunteers}
          loading={!error}
          empty={t('peerAdmin.noVolunteers')}
          testId="peer-volunteers"
          columns={[
            t('peerAdmin.col.patient'),
            t('peerAdmin.col.shownAs'),
            t('peerAdmin.col.surgery'),
            t('peerAdmin.col.languages'),
            t('peerAdmin.col.intro'),
            t('peerAdmin.col.state'),
            t('peerAdmin.col.actions'),
          ]}
          row={(v) => (
            <tr key={v.volunteerId} data-volunteer-id={v.volunteerId}>
              <td>
                <Link href={`/console/patients/${v.patientId}`}>{v.patientName}</Link>
              </td>
              <td>{v.displayName}</td>
              <td>
                {v.procedure}, {v.region}
                {v.fusion ? ` + ${t('peerAdmin.fusion')}` : ''}
              </td>
              <td>{v.languages.join(', ')}</td>
              <td>{v.intro}</td>
              <td>{t(`peerAdmin.state.${v.state}`)}</td>
              <td>
                {v.state === 'pending-approval' ? (
                  <button
                    type="button"
                    onClick={() => void act(`/api/peer-volunteers/${v.volunteerId}/approve`)}
                  >
                    {t('peerAdmin.approve', { name: v.patientName })}
                  </button>
                ) : null}{' '}
                {v.state === 'paused-by-clinic'
                  ? pauseButton(v, false)
                  : v.state !== 'withdrawn'
                    ? pauseButton(v, true)
                    : null}
              </td>
            </tr>
          )}
        />
      </section>
      <section className="card" aria-labelledby="peer-connections-h">
        <h2 id="peer-connections-h">{t('peerAdmin.connections')}</h2>
        <RowsTable
          rows={connections}
          empty={t('peerAdmin.noConnections')}
          testId="peer-connections"
          columns={[
            t('peerAdmin.col.asker'),
            t('peerAdmin.col.volunteer'),
            t('peerAdmin.col.started'),
            t('peerAdmin.col.status'),
            t('peerAdmin.col.messages'),
            t('peerAdmin.col.actions'),
          ]}
          row={(c) => (
            <tr key={c.id} data-connection-id={c.id}>
              <td>{c.requester.name}</td>
              <td>{c.volunteer.name}</td>
              <td>{dateTime(c.createdAt, lang)}</td>
              <td>{t(`peerAdmin.status.${c.status}`)}</td>
              <td>{c.messageCount}</td>
              <td>
                {c.status === 'requested' || c.status === 'active' ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void act(`/api/peer-connections/${c.id}/end`)}
                  >
                    {t('peerAdmin.end', {
                      asker: c.requester.name,
                      volunteer: c.volunteer.name,
                    })}
                  </button>
                ) : null}
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}

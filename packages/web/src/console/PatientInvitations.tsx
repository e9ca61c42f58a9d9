import type { AppStatus, AppStatusList } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { TableHead } from '../ui/TableHead.tsx';
import { useT } from './i18n.ts';
import { StatusNote } from './ui-status.tsx';

type Row = AppStatus;

/** Who is invited to the app, who has signed in (and when last), who has never checked in. */
export default function PatientInvitations() {
  const { t, lang } = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso),
        )
      : t('invitations.never');

  const load = useCallback(() => {
    api
      .get<AppStatusList>('/api/patient-invitations')
      .then((r) => setRows(r.patients))
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);
  useEffect(load, [load]);

  async function act(row: Row, action: 'email' | 'sms' | 'revoke') {
    const base = `/api/patients/${row.patientId}/invitations`;
    try {
      if (action === 'revoke') await api.post(`${base}/revoke`, {});
      else
        await api.post(row.invitation.state === 'not-invited' ? base : `${base}/resend`, {
          channel: action,
        });
      setMessage({
        ok: true,
        text: t(action === 'revoke' ? 'invitations.revoked' : 'invitations.sent', {
          name: `${row.givenName} ${row.familyName}`,
        }),
      });
      load();
    } catch (failure) {
      setMessage({
        ok: false,
        text: failure instanceof ApiError ? failure.message : t('console.loadError'),
      });
    }
  }

  return (
    <div>
      <h1>{t('invitations.title')}</h1>
      <p className="hint">{t('invitations.intro')}</p>
      <StatusNote message={message} okClass="notice" />
      {rows === null ? null : (
        <table className="table">
          <caption className="visually-hidden">{t('invitations.title')}</caption>
          <TableHead
            columns={[
              t('invitations.patient'),
              t('invitations.state'),
              t('invitations.lastSignIn'),
              t('invitations.lastCheckin'),
              t('invitations.actions'),
            ]}
          />
          <tbody>
            {rows.map((row) => {
              const name = `${row.givenName} ${row.familyName}`;
              return (
                <tr key={row.patientId} data-patient-id={row.patientId}>
                  <th scope="row">
                    <Link href={`/console/patients/${row.patientId}`}>{name}</Link>
                  </th>
                  <td data-state={row.invitation.state}>
                    {t(`invitations.state.${row.invitation.state}` as 'invitations.state.invited')}
                    {row.invitation.channel
                      ? ` (${row.invitation.channel === 'sms' ? 'SMS' : 'email'})`
                      : ''}
                  </td>
                  <td>{when(row.lastSignInAt)}</td>
                  <td>
                    {row.neverCheckedIn ? t('invitations.neverCheckedIn') : when(row.lastCheckinAt)}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void act(row, 'email')}
                      aria-label={t('invitations.byEmailFor', { name })}
                    >
                      {t('invitations.byEmail')}
                    </button>{' '}
                    <button
                      type="button"
                      onClick={() => void act(row, 'sms')}
                      aria-label={t('invitations.bySmsFor', { name })}
                    >
                      {t('invitations.bySms')}
                    </button>{' '}
                    {row.invitation.state === 'invited' ? (
                      <button
                        type="button"
                        onClick={() => void act(row, 'revoke')}
                        aria-label={t('invitations.revokeFor', { name })}
                      >
                        {t('invitations.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

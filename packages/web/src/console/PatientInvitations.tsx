import type { AppStatus, AppStatusList } from '@lamina/contract';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { TableHead } from '../ui/TableHead.tsx';
import { invitationFailure, sendInvitation } from './AppStatus.tsx';
import { dateTime, useT } from './i18n.ts';
import { StatusNote } from './ui-status.tsx';

type Row = AppStatus;

/** What can be done on a row: invite (or invite again) by email or SMS, and revoke an open invitation. */
const rowActions = [
  { action: 'email', words: 'invitations.byEmail', label: 'invitations.byEmailFor' },
  { action: 'sms', words: 'invitations.bySms', label: 'invitations.bySmsFor' },
  { action: 'revoke', words: 'invitations.revoke', label: 'invitations.revokeFor' },
] as const;

/** Who is invited to the app, who has signed in (and when last), who has never checked in. */
export default function PatientInvitations() {
  const { t, lang } = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string | null) => (iso ? dateTime(iso, lang) : t('invitations.never'));

  const load = useCallback(() => {
    api
      .get<AppStatusList>('/api/patient-invitations')
      .then((r) => setRows(r.patients))
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [t]);
  useEffect(load, [load]);

  async function act(row: Row, action: 'email' | 'sms' | 'revoke') {
    try {
      if (action === 'revoke')
        await api.post(`/api/patients/${row.patientId}/invitations/revoke`, {});
      else await sendInvitation(row, action);
      setMessage({
        ok: true,
        text: t(action === 'revoke' ? 'invitations.revoked' : 'invitations.sent', {
          name: `${row.givenName} ${row.familyName}`,
        }),
      });
      load();
    } catch (failure) {
      setMessage(invitationFailure(t, failure));
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
                    {rowActions
                      .filter((a) => a.action !== 'revoke' || row.invitation.state === 'invited')
                      .map(({ action, words, label }) => (
                        <Fragment key={action}>
                          <button
                            type="button"
                            onClick={() => void act(row, action)}
                            aria-label={t(label, { name })}
                          >
                            {t(words)}
                          </button>{' '}
                        </Fragment>
                      ))}
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

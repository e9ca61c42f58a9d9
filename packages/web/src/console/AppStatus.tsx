import type { AppStatus } from '@lamina/contract';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { dateTime, useT } from './i18n.ts';
import { StatusNote } from './ui-status.tsx';

/** GET /api/patient-invitations (one row) and GET /api/patients/:id/invitations (issue 15). */
export type AppStatusRow = AppStatus;

/** Where a patient is with the app, in one word: the invitation's state until they have signed in. */
export function appState(row: AppStatusRow): AppStatusRow['invitation']['state'] | 'signed-in' {
  return row.lastSignInAt ? 'signed-in' : row.invitation.state;
}

/**
 * Who is invited, who has signed in, who has never checked in: the same words in the Patients list,
 * on the patient page and on the Invitations screen.
 */
export function AppStatusBadge({ row }: { row: AppStatusRow }) {
  const { t, date } = useT();
  const state = appState(row);
  return (
    <span
      className={`badge app app-${state}${row.neverCheckedIn ? ' never' : ''}`}
      data-app-state={state}
      data-checked-in={row.neverCheckedIn ? 'no' : 'yes'}
    >
      {state === 'signed-in'
        ? t('app.signedIn')
        : t(`invitations.state.${state}` as 'invitations.state.invited')}
      {' · '}
      {row.neverCheckedIn || !row.lastCheckinAt
        ? t('app.neverCheckedIn')
        : t('app.lastCheckin', { date: date(row.lastCheckinAt.slice(0, 10), 'short') })}
    </span>
  );
}

/** Invites a patient to the app by email or SMS, or sends their invitation again. */
export function sendInvitation(row: AppStatusRow, channel: 'email' | 'sms'): Promise<unknown> {
  const base = `/api/patients/${row.patientId}/invitations`;
  return api.post(row.invitation.state === 'not-invited' ? base : `${base}/resend`, { channel });
}

/** The server's words for a refused invitation, else the general error. */
export function invitationFailure(t: ReturnType<typeof useT>['t'], failure: unknown) {
  return {
    ok: false,
    text: failure instanceof ApiError ? failure.message : t('console.loadError'),
  };
}

/** The patient page's "App" card: status, last sign-in, and (for those who may) an invitation. */
export function PatientAppCard({
  patientId,
  canInvite,
}: {
  patientId: string;
  canInvite: boolean;
}) {
  const { t, lang } = useT();
  const [row, setRow] = useState<AppStatusRow | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    api
      .get<AppStatusRow>(`/api/patients/${patientId}/invitations`)
      .then(setRow)
      .catch(() => setMessage({ ok: false, text: t('console.loadError') }));
  }, [patientId, t]);
  useEffect(load, [load]);

  async function invite(channel: 'email' | 'sms') {
    if (!row) return;
    try {
      await sendInvitation(row, channel);
      setMessage({
        ok: true,
        text: t('invitations.sent', { name: `${row.givenName} ${row.familyName}` }),
      });
      load();
    } catch (failure) {
      setMessage(invitationFailure(t, failure));
    }
  }

  return (
    <section className="card" id="app" aria-labelledby="app-h" data-testid="patient-app-status">
      <h2 id="app-h">{t('app.title')}</h2>
      {row ? (
        <>
          <p>
            <AppStatusBadge row={row} />
          </p>
          <p className="hint">
            {t('invitations.lastSignIn')}:{' '}
            {row.lastSignInAt ? dateTime(row.lastSignInAt, lang) : t('invitations.never')}
          </p>
          {canInvite ? (
            <p className="actions">
              <button type="button" className="secondary" onClick={() => void invite('email')}>
                {t('app.inviteEmail')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => void invite('sms')}>
                {t('app.inviteSms')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
      <StatusNote message={message} okClass="notice" />
    </section>
  );
}

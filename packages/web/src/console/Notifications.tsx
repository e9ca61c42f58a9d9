import type { AlertEmails } from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { explain } from './Account.tsx';
import { useT } from './i18n.ts';
import { Loading } from './ui-loading.tsx';
import { StatusNote } from './ui-status.tsx';

/**
 * A care-team member's own choice of email for new urgent/emergency alerts and for overdue alerts
 * passed to them (issue 16). Escalation itself is one mechanism (alerts/escalation.ts): turning the
 * email off never stops an alert from being escalated.
 */
export default function Notifications() {
  const { t } = useT();
  const [choice, setChoice] = useState<AlertEmails | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get<AlertEmails>('/api/staff/me/alert-emails')
      .then(setChoice)
      .catch((failure: unknown) => setMessage({ ok: false, text: explain(t, failure) }));
  }, [t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setMessage(null);
    try {
      setChoice(await api.put<AlertEmails>('/api/staff/me/alert-emails', choice));
      setMessage({ ok: true, text: t('notifications.saved') });
    } catch (failure) {
      setMessage({ ok: false, text: explain(t, failure) });
    } finally {
      setBusy(false);
    }
  }

  if (!choice) return message ? <p role="alert">{message.text}</p> : <Loading />;
  return (
    <div className="settings" data-testid="notifications">
      <h1>{t('notifications.title')}</h1>
      <p className="lead">{t('notifications.intro')}</p>
      <form className="card" onSubmit={save}>
        <label className="check">
          <input
            type="checkbox"
            checked={choice.newUrgent}
            onChange={(e) => setChoice({ ...choice, newUrgent: e.target.checked })}
          />{' '}
          {t('notifications.newUrgent')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={choice.escalations}
            aria-describedby="escalations-hint"
            onChange={(e) => setChoice({ ...choice, escalations: e.target.checked })}
          />{' '}
          {t('notifications.escalations')}
        </label>
        <p className="hint" id="escalations-hint">
          {t('notifications.escalationsHint')}
        </p>
        <StatusNote message={message} />
        <button type="submit" className="primary" disabled={busy}>
          {t('notifications.save')}
        </button>
      </form>
    </div>
  );
}

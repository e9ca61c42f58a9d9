import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, api } from '../../lib/api.ts';
import type { PatientContext } from '../../lib/patient-context.ts';
import { Link } from '../../lib/router.tsx';
import { useLoaded } from '../../lib/use-loaded.ts';
import { TextField } from '../../ui/TextField.tsx';
import { CheckBox, FieldErrors } from './Choices.tsx';
import { PeerCard } from './PeerCard.tsx';
import type { PeerThread } from './types.ts';

type ThreadAnswer = PeerThread;

/** One peer conversation: the request, both consents, the messages, and the way out. */
export function Thread({ ctx, connectionId }: { ctx: PatientContext; connectionId: string }) {
  const { t, lang } = useI18n();
  const [body, setBody] = useState('');
  const [consent, setConsent] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/peers/connections/${connectionId}`;

  const { data: thread, failed, reload: load } = useLoaded<ThreadAnswer>(path);
  useEffect(() => {
    // The other person may answer or write at any time: a light poll (each read is audited, so
    // not too often, and only while the page is in view) keeps the page current.
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, 10_000);
    return () => window.clearInterval(timer);
  }, [load]);

  const act = async (suffix: string, payload: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`${path}${suffix}`, payload);
      if (suffix === '/messages') setBody('');
      setConfirmEnd(false);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('peers.error.offline'));
    } finally {
      setBusy(false);
    }
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    void act('/messages', { body });
  };

  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const emergency = ctx.me.clinic?.emergencyNumber ?? '911';
  if (!thread)
    return (
      <div className="screen peers-thread">
        {failed ? (
          <p role="alert">{t('app.needsConnection')}</p>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
      </div>
    );
  const { connection, messages, canSend } = thread;
  const name = connection.other.displayName;

  return (
    <div className="screen peers-thread messages">
      <h1>{t('peers.thread.with', { name })}</h1>
      <p className="notice-box" data-testid="peer-disclaimer">
        {t('peers.disclaimer', { emergency })}
      </p>
      {connection.side === 'requester' ? <PeerCard peer={connection.other} /> : null}
      <p>{t('peers.thread.topic', { topic: connection.topic })}</p>

      <div role="status" data-testid="peer-status">
        {connection.status === 'requested' && connection.side === 'requester' ? (
          <p>{t('peers.thread.waiting', { name })}</p>
        ) : null}
        {connection.status === 'declined' ? <p>{t('peers.thread.declined')}</p> : null}
        {connection.status === 'ended' ? (
          <p>
            {t('peers.thread.ended')}{' '}
            {connection.endedBy === 'care-team' ? t('peers.thread.endedByTeam') : null}
          </p>
        ) : null}
      </div>

      {connection.status === 'requested' && connection.side === 'volunteer' ? (
        <section className="card" aria-labelledby="peer-answer-title">
          <h2 id="peer-answer-title">{t('peers.thread.askedYou', { name })}</h2>
          <CheckBox
            label={t('peers.thread.acceptConsent', { name })}
            checked={consent}
            onChange={setConsent}
          />
          <button
            type="button"
            className="primary"
            disabled={busy || !consent}
            onClick={() => void act('/accept', { consent })}
          >
            {t('peers.thread.accept')}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void act('/decline', {})}
          >
            {t('peers.thread.decline')}
          </button>
        </section>
      ) : null}

      {connection.status === 'active' || messages.length > 0 ? (
        <ol className="thread" aria-label={t('peers.thread.with', { name })}>
          {messages.length === 0 ? <li className="theirs">{t('peers.thread.none')}</li> : null}
          {messages.map((m) => (
            <li key={m.id} className={m.mine ? 'mine' : 'theirs'}>
              <p className="who">
                {m.mine ? t('peers.thread.you') : name} · {time.format(new Date(m.sentAt))}
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      ) : null}

      {canSend ? (
        <form onSubmit={send} className="card">
          <TextField
            label={t('peers.thread.write')}
            value={body}
            onChange={setBody}
            maxLength={2000}
            rows={3}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('peers.thread.send')}
          </button>
        </form>
      ) : null}
      <FieldErrors error={error} fields={[]} />

      {connection.status === 'requested' || connection.status === 'active' ? (
        <section className="card quiet">
          {confirmEnd ? (
            <>
              <p>{t('peers.thread.endAsk')}</p>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void act('/end', {})}
              >
                {t('peers.thread.endConfirm')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setConfirmEnd(false)}>
                {t('peers.thread.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="secondary" onClick={() => setConfirmEnd(true)}>
              {t('peers.thread.end')}
            </button>
          )}
        </section>
      ) : null}
      <p>
        <Link href="/peers">{t('peers.back')}</Link>
      </p>
    </div>
  );
}

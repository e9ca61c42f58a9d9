import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, api, type ProblemField } from '../../lib/api.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { CheckList, FieldErrors } from './Choices.tsx';
import { PeerCard } from './PeerCard.tsx';
import {
  ageBands,
  availabilityChoices,
  type Connection,
  conditions,
  peerLanguages,
  type SharedProfile,
} from './types.ts';

/** "Talk to someone who had this surgery": preferences → proposals → consent → request sent. */
export function Ask() {
  const { t, lang } = useI18n();
  const [languages, setLanguages] = useState<(typeof peerLanguages)[number][]>([lang]);
  const [sameProcedureOnly, setSameProcedureOnly] = useState(false);
  const [condition, setCondition] = useState('');
  const [ageBand, setAgeBand] = useState('');
  const [availability, setAvailability] = useState<(typeof availabilityChoices)[number][]>([]);
  const [proposals, setProposals] = useState<SharedProfile[] | null>(null);
  const [chosen, setChosen] = useState<SharedProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<readonly ProblemField[]>([]);
  const [busy, setBusy] = useState(false);

  const failed = (e: unknown) => {
    if (e instanceof ApiError) {
      setError(e.fields.length > 0 ? null : e.message);
      setFields(e.fields);
    } else setError(t('peers.error.offline'));
  };

  async function find(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields([]);
    try {
      const r = await api.post<{ proposals: SharedProfile[] }>('/api/peers/proposals', {
        languages,
        sameProcedureOnly,
        availability,
        ...(condition ? { condition } : {}),
        ...(ageBand ? { ageBand } : {}),
      });
      setProposals(r.proposals);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  if (chosen) return <Request peer={chosen} onBack={() => setChosen(null)} />;

  return (
    <div className="screen peers-ask">
      <h1>{t('peers.prefs.title')}</h1>
      <form className="card" onSubmit={find} noValidate>
        <CheckList
          legend={t('peers.prefs.languages')}
          values={peerLanguages}
          prefix="peers.language"
          chosen={languages}
          onChange={setLanguages}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={sameProcedureOnly}
            onChange={(e) => setSameProcedureOnly(e.target.checked)}
          />
          <span>{t('peers.prefs.sameProcedure')}</span>
        </label>
        <label className="field">
          <span>{t('peers.prefs.condition')}</span>
          <select value={condition} onChange={(e) => setCondition(e.target.value)}>
            <option value="">{t('peers.prefs.conditionAny')}</option>
            {conditions.map((c) => (
              <option key={c} value={c}>
                {t(`peers.condition.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('peers.prefs.ageBand')}</span>
          <select value={ageBand} onChange={(e) => setAgeBand(e.target.value)}>
            <option value="">{t('peers.prefs.ageAny')}</option>
            {ageBands.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <CheckList
          legend={t('peers.prefs.availability')}
          values={availabilityChoices}
          prefix="peers.availability"
          chosen={availability}
          onChange={setAvailability}
        />
        <FieldErrors error={error} fields={fields} />
        <button type="submit" className="primary big" disabled={busy}>
          {t('peers.prefs.find')}
        </button>
      </form>

      {proposals ? (
        <section aria-labelledby="proposals-title">
          <h2 id="proposals-title">{t('peers.proposals.title')}</h2>
          {proposals.length === 0 ? <p role="status">{t('peers.proposals.none')}</p> : null}
          <ul className="peer-proposals" data-testid="peer-proposals">
            {proposals.map((p) => (
              <li key={p.volunteerId}>
                <PeerCard peer={p}>
                  <button type="button" className="primary" onClick={() => setChosen(p)}>
                    {t('peers.proposals.choose', { name: p.displayName })}
                  </button>
                </PeerCard>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link href="/peers">{t('peers.back')}</Link>
      </p>
    </div>
  );
}

function Request({ peer, onBack }: { peer: SharedProfile; onBack(): void }) {
  const { t } = useI18n();
  const [topic, setTopic] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<readonly ProblemField[]>([]);
  const [busy, setBusy] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields([]);
    if (!consent) {
      setError(t('peers.request.needConsent'));
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<{ connection: Connection }>('/api/peers/connections', {
        volunteerId: peer.volunteerId,
        topic,
        consent,
      });
      navigate(`/peers/c/${r.connection.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.fields.length > 0 ? null : e.message);
        setFields(e.fields);
      } else setError(t('peers.error.offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen peers-request">
      <h1>{t('peers.request.title', { name: peer.displayName })}</h1>
      <PeerCard peer={peer} />
      <form className="card" onSubmit={send} noValidate>
        <label className="field">
          <span>{t('peers.request.topic')}</span>
          <textarea
            rows={4}
            maxLength={500}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          <span>{t('peers.request.consent', { name: peer.displayName })}</span>
        </label>
        <FieldErrors error={error} fields={fields} />
        <button type="submit" className="primary big" disabled={busy}>
          {t('peers.request.send')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onBack}>
          {t('peers.back')}
        </button>
      </form>
    </div>
  );
}

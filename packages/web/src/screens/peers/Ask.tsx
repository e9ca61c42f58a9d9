import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { TextField } from '../../ui/TextField.tsx';
import {
  AgeBandSelect,
  AvailabilityChecks,
  CheckBox,
  ConditionSelect,
  FieldErrors,
  LanguageChecks,
  useSubmit,
} from './Choices.tsx';
import { PeerCard } from './PeerCard.tsx';
import type {
  availabilityChoices,
  Connection,
  PeerProposal,
  peerLanguages,
  SharedProfile,
} from './types.ts';

/** "Talk to someone who had this surgery": preferences → proposals → consent → request sent. */
export function Ask() {
  const { t, lang } = useI18n();
  const [languages, setLanguages] = useState<(typeof peerLanguages)[number][]>([lang]);
  const [sameProcedureOnly, setSameProcedureOnly] = useState(false);
  const [condition, setCondition] = useState('');
  const [ageBand, setAgeBand] = useState('');
  const [availability, setAvailability] = useState<(typeof availabilityChoices)[number][]>([]);
  const [proposals, setProposals] = useState<PeerProposal[] | null>(null);
  const [chosen, setChosen] = useState<SharedProfile | null>(null);
  const { error, fields, busy, submit } = useSubmit();

  function find(event: FormEvent) {
    event.preventDefault();
    void submit(async () => {
      const r = await api.post<{ proposals: PeerProposal[] }>('/api/peers/proposals', {
        languages,
        sameProcedureOnly,
        availability,
        ...(condition ? { condition } : {}),
        ...(ageBand ? { ageBand } : {}),
      });
      setProposals(r.proposals);
    });
  }

  if (chosen) return <Request peer={chosen} onBack={() => setChosen(null)} />;

  return (
    <div className="screen peers-ask">
      <h1>{t('peers.prefs.title')}</h1>
      <form className="card" onSubmit={find} noValidate>
        <LanguageChecks
          legend={t('peers.prefs.languages')}
          chosen={languages}
          onChange={setLanguages}
        />
        <CheckBox
          label={t('peers.prefs.sameProcedure')}
          checked={sameProcedureOnly}
          onChange={setSameProcedureOnly}
        />
        <ConditionSelect
          label={t('peers.prefs.condition')}
          value={condition}
          onChange={setCondition}
          empty={{ label: t('peers.prefs.conditionAny') }}
        />
        <AgeBandSelect
          label={t('peers.prefs.ageBand')}
          value={ageBand}
          onChange={setAgeBand}
          empty={{ label: t('peers.prefs.ageAny') }}
        />
        <AvailabilityChecks
          legend={t('peers.prefs.availability')}
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
  const { error, fields, busy, show, submit } = useSubmit();

  function send(event: FormEvent) {
    event.preventDefault();
    if (!consent) {
      show(t('peers.request.needConsent'));
      return;
    }
    void submit(async () => {
      const r = await api.post<{ connection: Connection }>('/api/peers/connections', {
        volunteerId: peer.volunteerId,
        topic,
        consent,
      });
      navigate(`/peers/c/${r.connection.id}`);
    });
  }

  return (
    <div className="screen peers-request">
      <h1>{t('peers.request.title', { name: peer.displayName })}</h1>
      <PeerCard peer={peer} />
      <form className="card" onSubmit={send} noValidate>
        <TextField
          label={t('peers.request.topic')}
          value={topic}
          onChange={setTopic}
          maxLength={500}
          rows={4}
        />
        <CheckBox
          label={t('peers.request.consent', { name: peer.displayName })}
          checked={consent}
          onChange={setConsent}
        />
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

import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { useLoaded } from '../../lib/use-loaded.ts';
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
import type { availabilityChoices, OwnVolunteer, peerLanguages, VolunteerAnswer } from './types.ts';

export function Volunteer() {
  const { t } = useI18n();
  const {
    data: answer,
    setData: setAnswer,
    failed,
  } = useLoaded<VolunteerAnswer>('/api/peers/volunteer');
  const [editing, setEditing] = useState(false);

  const current = answer?.volunteer;
  return (
    <div className="screen peers-volunteer">
      <h1>{t('peers.volunteer.title')}</h1>
      {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
      {answer && !answer.canVolunteer && !current ? <p>{t('peers.volunteer.notYet')}</p> : null}
      {current && !editing ? (
        <Status
          volunteer={current}
          onChanged={(v) => setAnswer({ ...answer, volunteer: v } as VolunteerAnswer)}
          onEdit={() => setEditing(true)}
        />
      ) : null}
      {answer?.canVolunteer && (!current || editing) ? (
        <Form
          answer={answer}
          onSaved={(v) => {
            setAnswer({ ...answer, volunteer: v });
            setEditing(false);
          }}
        />
      ) : null}
      <p>
        <Link href="/peers">{t('peers.back')}</Link>
      </p>
    </div>
  );
}

function Status({
  volunteer,
  onChanged,
  onEdit,
}: {
  volunteer: OwnVolunteer;
  onChanged(v: OwnVolunteer): void;
  onEdit(): void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, body: unknown) => {
    setError(null);
    try {
      const r = await api.post<{ volunteer: OwnVolunteer }>(path, body);
      onChanged(r.volunteer);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('peers.error.offline'));
    }
  };
  const state = volunteer.state;
  return (
    <section className="card" aria-labelledby="offer-state">
      <h2 id="offer-state" data-testid="volunteer-state">
        {t(`peers.volunteer.state.${state}`)}
      </h2>
      <p>
        <strong>{volunteer.displayName}</strong> · {t('peers.age', { band: volunteer.ageBand })}
      </p>
      <p>{volunteer.intro}</p>
      {state === 'approved' || state === 'pending-approval' ? (
        <button
          type="button"
          className="secondary"
          onClick={() => act('/api/peers/volunteer/pause', { paused: true })}
        >
          {t('peers.volunteer.pause')}
        </button>
      ) : null}
      {state === 'paused' ? (
        <button
          type="button"
          className="secondary"
          onClick={() => act('/api/peers/volunteer/pause', { paused: false })}
        >
          {t('peers.volunteer.resume')}
        </button>
      ) : null}{' '}
      <button type="button" className="secondary" onClick={onEdit}>
        {t('peers.volunteer.edit')}
      </button>{' '}
      {state !== 'withdrawn' ? (
        <button
          type="button"
          className="link"
          onClick={() => act('/api/peers/volunteer/withdraw', {})}
        >
          {t('peers.volunteer.withdraw')}
        </button>
      ) : null}
      <FieldErrors error={error} fields={[]} />
    </section>
  );
}

/** A volunteer must pick a real value: the empty choice only shows that none is picked yet. */
const noChoiceYet = { label: '—', disabled: true };

function Form({ answer, onSaved }: { answer: VolunteerAnswer; onSaved(v: OwnVolunteer): void }) {
  const { t } = useI18n();
  const earlier = answer.volunteer;
  const { suggested } = answer;
  const [displayName, setDisplayName] = useState(earlier?.displayName ?? suggested.displayName);
  const [condition, setCondition] = useState<string>(earlier?.condition ?? '');
  const [ageBand, setAgeBand] = useState<string>(earlier?.ageBand ?? '');
  const [languages, setLanguages] = useState<(typeof peerLanguages)[number][]>(
    earlier?.languages ?? [],
  );
  const [availability, setAvailability] = useState<(typeof availabilityChoices)[number][]>(
    earlier?.availability ?? [],
  );
  const [availabilityNote, setAvailabilityNote] = useState(earlier?.availabilityNote ?? '');
  const [intro, setIntro] = useState(earlier?.intro ?? '');
  const [consent, setConsent] = useState(false);
  const { error, fields, busy, submit } = useSubmit();

  function save(event: FormEvent) {
    event.preventDefault();
    void submit(async () => {
      const r = await api.put<{ volunteer: OwnVolunteer }>('/api/peers/volunteer', {
        displayName,
        condition,
        ...(suggested.ageBand === null && ageBand ? { ageBand } : {}),
        languages,
        availability,
        availabilityNote,
        intro,
        consent,
      });
      onSaved(r.volunteer);
    });
  }

  return (
    <form className="card" onSubmit={save} noValidate>
      <p>{t('peers.volunteer.why')}</p>
      {suggested.procedure && suggested.region ? (
        <p>
          {t('peers.volunteer.fromRecord', {
            procedure: t(`peers.procedure.${suggested.procedure}`),
            region: t(`peers.region.${suggested.region}`),
            fusion: t(suggested.fusion ? 'peers.fusion.yes' : 'peers.fusion.no'),
          })}
        </p>
      ) : null}
      <TextField
        label={t('peers.volunteer.displayName')}
        value={displayName}
        onChange={setDisplayName}
        maxLength={40}
      />
      <ConditionSelect
        label={t('peers.volunteer.condition')}
        value={condition}
        onChange={setCondition}
        empty={noChoiceYet}
      />
      {suggested.ageBand === null ? (
        <AgeBandSelect
          label={t('peers.volunteer.ageBand')}
          value={ageBand}
          onChange={setAgeBand}
          empty={noChoiceYet}
        />
      ) : null}
      <LanguageChecks
        legend={t('peers.volunteer.languages')}
        chosen={languages}
        onChange={setLanguages}
      />
      <AvailabilityChecks
        legend={t('peers.volunteer.availability')}
        chosen={availability}
        onChange={setAvailability}
      />
      <TextField
        label={t('peers.volunteer.availabilityNote')}
        value={availabilityNote}
        onChange={setAvailabilityNote}
        maxLength={200}
      />
      <TextField
        label={t('peers.volunteer.intro')}
        value={intro}
        onChange={setIntro}
        maxLength={600}
        rows={4}
      />
      <CheckBox label={t('peers.volunteer.consent')} checked={consent} onChange={setConsent} />
      <FieldErrors error={error} fields={fields} />
      <button type="submit" className="primary big" disabled={busy}>
        {t('peers.volunteer.save')}
      </button>
    </form>
  );
}

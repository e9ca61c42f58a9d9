import { useI18n } from '../../i18n/i18n.tsx';
import { Choice } from '../../ui/Choice.tsx';
import type { GroupId, Screening } from './groups.ts';
import { type StepProps, useOptions } from './questions.tsx';

/** Step 1: "Is anything new or worse?" with the red-flag groups as big yes / no / not sure choices. */
export function ScreeningStep({
  ids,
  screening,
  setScreening,
  neck,
}: {
  ids: readonly GroupId[];
  screening: Screening;
  setScreening(s: Screening): void;
  neck: boolean;
}) {
  const { t } = useI18n();
  const { answerOptions } = useOptions();
  return (
    <div className="screening">
      <p className="hint">{t('checkin.screenHint')}</p>
      <button
        type="button"
        className="secondary none-of"
        onClick={() => setScreening(Object.fromEntries(ids.map((id) => [id, 'no'])))}
      >
        {t('checkin.nothingNew')}
      </button>
      {ids.map((id) => (
        <Choice
          key={id}
          legend={t(id === 'nerves' && neck ? 'checkin.group.nerves.neck' : `checkin.group.${id}`)}
          options={answerOptions}
          columns={3}
          value={screening[id]}
          onChange={(value) => setScreening({ ...screening, [id]: value })}
        />
      ))}
    </div>
  );
}

export function PainStep({
  a,
  update,
  region,
  dosesText,
  setDosesText,
}: StepProps & { dosesText: string; setDosesText(text: string): void }) {
  const { t } = useI18n();
  const { answerOptions } = useOptions();
  const neck = region === 'cervical';
  const painOptions = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
  return (
    <>
      <Choice
        legend={t(neck ? 'q.axialPain.neck' : 'q.axialPain')}
        hint={t('q.painScale')}
        options={painOptions}
        columns={6}
        value={a.axialPain}
        onChange={(axialPain) => update({ axialPain })}
      />
      <Choice
        legend={t(neck ? 'q.limbPain.neck' : 'q.limbPain')}
        hint={t('q.painScale')}
        options={painOptions}
        columns={6}
        value={a.limbPain}
        onChange={(limbPain) => update({ limbPain })}
      />
      <Choice
        legend={t('q.painControlled')}
        options={answerOptions}
        columns={3}
        value={a.painControlled}
        onChange={(painControlled) => update({ painControlled })}
      />
      <div className="field">
        <label htmlFor="opioid-doses">{t('q.opioidDoses')}</label>
        <p className="hint" id="opioid-doses-hint">
          {t('q.opioidDosesHint')}
        </p>
        <input
          id="opioid-doses"
          name="opioidDoses"
          inputMode="numeric"
          aria-describedby="opioid-doses-hint"
          value={dosesText}
          onChange={(e) => setDosesText(e.target.value)}
        />
      </div>
    </>
  );
}

export function DayStep({
  a,
  update,
  walkText,
  setWalkText,
}: StepProps & { walkText: string; setWalkText(text: string): void }) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor="walking">{t('q.walkingMinutes')}</label>
        <input
          id="walking"
          name="walkingMinutes"
          inputMode="numeric"
          value={walkText}
          onChange={(e) => setWalkText(e.target.value)}
        />
      </div>
      <Choice
        legend={t('q.exercises')}
        options={[
          { value: 'all', label: t('q.exercises.all') },
          { value: 'some', label: t('q.exercises.some') },
          { value: 'none', label: t('q.exercises.none') },
        ]}
        columns={3}
        value={a.exercises}
        onChange={(exercises) => update({ exercises })}
      />
      <div className="field">
        <label htmlFor="note">{t('q.note')}</label>
        <p className="hint" id="note-hint">
          {t('q.noteHint')}
        </p>
        <textarea
          id="note"
          aria-describedby="note-hint"
          rows={3}
          maxLength={2000}
          value={a.note ?? ''}
          onChange={(e) => update({ note: e.target.value || undefined })}
        />
      </div>
    </>
  );
}

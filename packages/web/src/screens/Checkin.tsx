import {
  type Answer,
  type CheckinInput,
  checkinSchemaFor,
  findRule,
  type IsoDate,
  isLowTemperature,
  type LimbSide,
  type NerveChange,
  plausibleTemperature,
  type Statement,
  triage,
} from '@lamina/pathway';
import { type FormEvent, useState } from 'react';
import type { PatientContext } from '../App.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { enqueue, newKey, sendOne } from '../lib/outbox.ts';
import { showResult } from '../lib/result.ts';
import { navigate } from '../lib/router.tsx';
import { Choice } from '../ui/Choice.tsx';
import { Stmt } from '../ui/Statement.tsx';

type YesNoField =
  | 'saddleNumbness'
  | 'urinaryRetention'
  | 'bladderIncontinence'
  | 'bowelIncontinence'
  | 'unableToMoveLimbs'
  | 'chestPain'
  | 'shortOfBreath'
  | 'coughingBlood'
  | 'severeBleeding'
  | 'fell'
  | 'positionalHeadache'
  | 'calfPainOrSwelling'
  | 'newShoulderArmWeakness';
type IncisionYesNo = 'redness' | 'warmth' | 'opening' | 'dressingSoaked';

const dangerSigns: readonly YesNoField[] = [
  'saddleNumbness',
  'urinaryRetention',
  'bladderIncontinence',
  'bowelIncontinence',
  'unableToMoveLimbs',
  'chestPain',
  'shortOfBreath',
  'coughingBlood',
  'severeBleeding',
];
const otherSigns: readonly YesNoField[] = ['fell', 'positionalHeadache', 'calfPainOrSwelling'];
const incisionSigns: readonly IncisionYesNo[] = ['redness', 'warmth', 'opening', 'dressingSoaked'];

/** What to do about a low reading: the triage statement itself (sourced, translated), shown before sending. */
const lowTemperatureAdvice = findRule('temperature-low')?.instruction as Statement | undefined;

/** The typed temperature, when it is a number (the schema still checks the range). */
function typedTemperature(text: string, unit: 'F' | 'C') {
  const value = Number(text.replace(',', '.'));
  return text.trim() && Number.isFinite(value) ? { value, unit } : undefined;
}

/** Where the weakness is matters only when it is new or getting worse (issue 13: both legs is an emergency). */
function weaknessMayBeWorse(w: CheckinInput['weakness']): boolean {
  return (
    w?.change === 'worse' ||
    w?.change === 'rapidly-worse' ||
    w?.new === 'yes' ||
    w?.new === 'unsure'
  );
}

const localToday = (): IsoDate => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` as IsoDate;
};

export default function Checkin({ ctx }: { ctx: PatientContext }) {
  const { t, lang } = useI18n();
  const region = ctx.plan.surgery.region;
  const neck = region === 'cervical';
  const [a, setA] = useState<CheckinInput>({});
  const [tempText, setTempText] = useState('');
  // Spanish speakers mostly measure in °C: start there, and the error says to tap °F otherwise.
  const [tempUnit, setTempUnit] = useState<'F' | 'C'>(lang === 'es' ? 'C' : 'F');
  const [walkText, setWalkText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const update = (patch: Partial<CheckinInput>) => setA((prev) => ({ ...prev, ...patch }));
  const typedTemp = typedTemperature(tempText, tempUnit);
  // Only a plausible reading: below the range the form shows its field error instead.
  const lowTemp =
    typedTemp !== undefined &&
    typedTemp.value >= plausibleTemperature[typedTemp.unit].min &&
    isLowTemperature(typedTemp);
  const askWhere = weaknessMayBeWorse(a.weakness);
  const sideOptions = (limb: 'Legs' | 'Arms'): { value: LimbSide; label: string }[] => [
    { value: 'left', label: t(`q.weakness${limb}.left`) },
    { value: 'right', label: t(`q.weakness${limb}.right`) },
    { value: 'both', label: t(`q.weakness${limb}.both`) },
    { value: 'none', label: t(`q.weakness${limb}.none`) },
    { value: 'unsure', label: t('answer.unsure') },
  ];
  const yesNo = (key: MessageKey) => ({ legend: t(key) });
  const answerOptions = [
    { value: 'yes' as Answer, label: t('answer.yes') },
    { value: 'no' as Answer, label: t('answer.no') },
    { value: 'unsure' as Answer, label: t('answer.unsure') },
  ];
  const painOptions = Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
  const nerveOptions: { value: NerveChange; label: string }[] = [
    { value: 'none', label: t('nerve.none') },
    { value: 'improving', label: t('nerve.improving') },
    { value: 'unchanged', label: t('nerve.unchanged') },
    { value: 'worse', label: t('nerve.worse') },
    { value: 'rapidly-worse', label: t('nerve.rapidlyWorse') },
  ];

  function yesNoQuestion(field: YesNoField) {
    return (
      <Choice
        key={field}
        {...yesNo(
          `q.${field}${field === 'unableToMoveLimbs' && neck ? '.neck' : ''}` as MessageKey,
        )}
        options={answerOptions}
        columns={3}
        value={a[field]}
        onChange={(value) => update({ [field]: value })}
      />
    );
  }

  function noneOf(fields: readonly YesNoField[]) {
    return (
      <button
        type="button"
        className="secondary none-of"
        onClick={() => update(Object.fromEntries(fields.map((f) => [f, 'no'])))}
      >
        {t('checkin.noneOfThese')}
      </button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answers: CheckinInput = { ...a };
    if (tempText.trim())
      answers.temperature = { value: Number(tempText.replace(',', '.')), unit: tempUnit };
    // Follow-up questions that are no longer shown are not sent.
    if (!lowTemp) delete answers.feelsVeryUnwell;
    if (answers.weakness && !askWhere) {
      const { legs: _legs, arms: _arms, ...rest } = answers.weakness;
      answers.weakness = rest;
    }
    if (walkText.trim()) answers.walkingMinutes = Number(walkText);
    const parsed = checkinSchemaFor(region).safeParse(answers);
    if (!parsed.success) {
      setErrors(
        parsed.error.issues.map((issue) =>
          issue.path[0] === 'temperature'
            ? t('checkin.badTemperature')
            : issue.path[0] === 'walkingMinutes'
              ? t('checkin.badWalking')
              : `${issue.path.join('.')}: ${issue.message}`,
        ),
      );
      return;
    }
    setErrors([]);
    setBusy(true);
    const item = {
      idempotencyKey: newKey(),
      patientId: ctx.me.patientId,
      filledAt: new Date().toISOString(),
      checkin: answers,
    };
    // Kept on the phone first, so nothing is lost if the connection or the tab goes away.
    enqueue(item);
    try {
      const result = await sendOne(item);
      showResult({ decision: result.decision, region, sent: true, alerted: result.alert !== null });
      navigate('/checkin/result');
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
        // Offline: the same rules run on the phone, so danger signs are never held back.
        const decision = triage(parsed.data, ctx.plan.surgery, [], localToday());
        showResult({ decision, region, sent: false, alerted: false });
        navigate('/checkin/result');
      } else {
        setErrors([
          error instanceof ApiError && error.status === 401
            ? t('checkin.signInAgain')
            : (error as Error).message,
        ]);
        setBusy(false);
      }
    }
  }

  return (
    <form className="screen checkin" onSubmit={submit} noValidate>
      <h1>{t('checkin.title')}</h1>
      <p className="lead">{t('checkin.intro')}</p>

      <section className="card" aria-labelledby="q-pain">
        <h2 id="q-pain">{t('checkin.pain')}</h2>
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
      </section>

      <section className="card danger-group" aria-labelledby="q-danger">
        <h2 id="q-danger">{t('checkin.danger')}</h2>
        <p className="hint">{t('checkin.dangerHint')}</p>
        {noneOf(dangerSigns)}
        {dangerSigns.map(yesNoQuestion)}
      </section>

      {neck ? (
        <section className="card" aria-labelledby="q-neck">
          <h2 id="q-neck">{t('checkin.neck')}</h2>
          <Choice
            legend={t('q.swallowing')}
            options={[
              { value: 'normal', label: t('q.swallowing.normal') },
              { value: 'mild', label: t('q.swallowing.mild') },
              { value: 'getting-worse', label: t('q.swallowing.worse') },
              { value: 'cannot', label: t('q.swallowing.cannot') },
            ]}
            value={a.swallowing}
            onChange={(swallowing) => update({ swallowing })}
          />
          <Choice
            legend={t('q.voice')}
            options={[
              { value: 'normal', label: t('q.voice.normal') },
              { value: 'hoarse', label: t('q.voice.hoarse') },
              { value: 'cannot-speak', label: t('q.voice.cannot') },
            ]}
            value={a.voice}
            onChange={(voice) => update({ voice })}
          />
          <Choice
            legend={t('q.neckSwelling')}
            options={[
              { value: 'none', label: t('q.neckSwelling.none') },
              { value: 'some', label: t('q.neckSwelling.some') },
              { value: 'growing-fast', label: t('q.neckSwelling.fast') },
            ]}
            value={a.neckSwelling}
            onChange={(neckSwelling) => update({ neckSwelling })}
          />
          {yesNoQuestion('newShoulderArmWeakness')}
          <Choice
            legend={t('q.handClumsiness')}
            options={[
              { value: 'no', label: t('q.handClumsiness.no') },
              { value: 'new', label: t('q.handClumsiness.new') },
              { value: 'rapidly-worse', label: t('q.handClumsiness.fast') },
              { value: 'unsure', label: t('answer.unsure') },
            ]}
            columns={2}
            value={a.handClumsiness}
            onChange={(handClumsiness) => update({ handClumsiness })}
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="q-incision">
        <h2 id="q-incision">{t('checkin.incision')}</h2>
        <button
          type="button"
          className="secondary none-of"
          onClick={() =>
            update({
              incision: {
                ...Object.fromEntries(incisionSigns.map((f) => [f, 'no'])),
                swelling: 'none',
                drainage: 'none',
              },
            })
          }
        >
          {t('checkin.incisionFine')}
        </button>
        {incisionSigns.map((field) => (
          <Choice
            key={field}
            legend={t(`q.incision.${field}`)}
            options={answerOptions}
            columns={3}
            value={a.incision?.[field]}
            onChange={(value) => update({ incision: { ...a.incision, [field]: value } })}
          />
        ))}
        <Choice
          legend={t('q.incision.swelling')}
          options={[
            { value: 'none', label: t('q.swelling.none') },
            { value: 'some', label: t('q.swelling.some') },
            { value: 'growing', label: t('q.swelling.growing') },
          ]}
          columns={3}
          value={a.incision?.swelling}
          onChange={(swelling) => update({ incision: { ...a.incision, swelling } })}
        />
        <Choice
          legend={t('q.incision.drainage')}
          options={[
            { value: 'none', label: t('q.drainage.none') },
            { value: 'bloody', label: t('q.drainage.bloody') },
            { value: 'clear-watery', label: t('q.drainage.clear') },
            { value: 'cloudy', label: t('q.drainage.cloudy') },
          ]}
          columns={2}
          value={a.incision?.drainage}
          onChange={(drainage) => update({ incision: { ...a.incision, drainage } })}
        />
        <div className="field temperature">
          <label htmlFor="temperature">{t('q.temperature')}</label>
          <p className="hint">{t('q.temperatureHint')}</p>
          <div className="row">
            <input
              id="temperature"
              name="temperature"
              inputMode="decimal"
              value={tempText}
              onChange={(e) => setTempText(e.target.value)}
            />
            <Choice
              legend={t('q.temperatureUnit')}
              options={[
                { value: 'F' as const, label: '°F' },
                { value: 'C' as const, label: '°C' },
              ]}
              columns={2}
              value={tempUnit}
              onChange={(unit) => setTempUnit(unit)}
            />
          </div>
          {lowTemp ? (
            <>
              {lowTemperatureAdvice ? (
                <div role="status">
                  <Stmt s={lowTemperatureAdvice} />
                </div>
              ) : null}
              <Choice
                legend={t('q.feelsVeryUnwell')}
                options={answerOptions}
                columns={3}
                value={a.feelsVeryUnwell}
                onChange={(feelsVeryUnwell) => update({ feelsVeryUnwell })}
              />
            </>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="q-nerves">
        <h2 id="q-nerves">{t('checkin.nerves')}</h2>
        <Choice
          legend={t('q.numbness')}
          options={nerveOptions}
          value={a.numbness?.change}
          onChange={(change) => update({ numbness: { ...a.numbness, change } })}
        />
        <Choice
          legend={t('q.numbnessNew')}
          options={answerOptions}
          columns={3}
          value={a.numbness?.new}
          onChange={(value) => update({ numbness: { ...a.numbness, new: value } })}
        />
        <Choice
          legend={t('q.weakness')}
          options={nerveOptions}
          value={a.weakness?.change}
          onChange={(change) => update({ weakness: { ...a.weakness, change } })}
        />
        <Choice
          legend={t('q.weaknessNew')}
          options={answerOptions}
          columns={3}
          value={a.weakness?.new}
          onChange={(value) => update({ weakness: { ...a.weakness, new: value } })}
        />
        {askWhere ? (
          <>
            <Choice
              legend={t('q.weaknessLegs')}
              options={sideOptions('Legs')}
              columns={2}
              value={a.weakness?.legs}
              onChange={(legs) => update({ weakness: { ...a.weakness, legs } })}
            />
            {neck ? (
              <Choice
                legend={t('q.weaknessArms')}
                options={sideOptions('Arms')}
                columns={2}
                value={a.weakness?.arms}
                onChange={(arms) => update({ weakness: { ...a.weakness, arms } })}
              />
            ) : null}
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="q-other">
        <h2 id="q-other">{t('checkin.other')}</h2>
        {noneOf(otherSigns)}
        {otherSigns.map(yesNoQuestion)}
        <Choice
          legend={t('q.walkingBalance')}
          options={[
            { value: 'improving', label: t('q.walking.improving') },
            { value: 'same', label: t('q.walking.same') },
            { value: 'gradually-worse', label: t('q.walking.slowly') },
            { value: 'suddenly-worse', label: t('q.walking.worse') },
          ]}
          value={a.walkingBalance}
          onChange={(walkingBalance) => update({ walkingBalance })}
        />
        <Choice
          legend={t('q.bowel')}
          options={[0, 1, 2, 3, 4].map((n) => ({
            value: n,
            label: n === 0 ? t('q.bowel.today') : n === 4 ? t('q.bowel.fourPlus') : String(n),
          }))}
          columns={5}
          value={a.daysSinceBowelMovement}
          onChange={(daysSinceBowelMovement) => update({ daysSinceBowelMovement })}
        />
      </section>

      <section className="card" aria-labelledby="q-day">
        <h2 id="q-day">{t('checkin.day')}</h2>
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
      </section>

      {errors.length > 0 ? (
        <div className="error" role="alert">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <button type="submit" className="primary big" disabled={busy}>
        {t('checkin.send')}
      </button>
      <p className="hint center">{t('checkin.emergencyHint')}</p>
    </form>
  );
}

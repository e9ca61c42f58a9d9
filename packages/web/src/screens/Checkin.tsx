import {
  type CheckinInput,
  checkinSchemaFor,
  hasAnyAnswer,
  type IsoDate,
  triage,
} from '@lamina/pathway';
import { useRef, useState } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { localDate } from '../lib/dates.ts';
import { enqueue, newKey, sendOne } from '../lib/outbox.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { type PreparedPhoto, uploadPhoto } from '../lib/photo.ts';
import { showResult } from '../lib/result.ts';
import { navigate } from '../lib/router.tsx';
import { PhotoPicker } from '../ui/PhotoPicker.tsx';
import { GroupDetails, isLowReading, weaknessMayBeWorse } from './checkin/details.tsx';
import {
  flagged,
  type GroupId,
  groupsFor,
  type Screening,
  withScreening,
} from './checkin/groups.ts';
import { DayStep, PainStep, ScreeningStep } from './checkin/steps.tsx';

const localToday = (): IsoDate => localDate(new Date()) as IsoDate;

type Step = 'screening' | GroupId | 'pain' | 'day';

/**
 * The daily check-in as a few short steps (issue 17): a screening step with the red-flag groups,
 * a detail step for each group the patient flagged (yes or not sure), then pain, then walking and
 * exercises. Nothing is sent until the patient presses send on the last step: there is no form,
 * so Enter in a box or on an answer never sends anything. Same schema, same triage, same outbox.
 */
export default function Checkin({ ctx }: { ctx: PatientContext }) {
  const { t, lang } = useI18n();
  const region = ctx.plan.surgery.region;
  const groups = groupsFor(region);
  const [a, setA] = useState<CheckinInput>({});
  const [screening, setScreening] = useState<Screening>({});
  const [stepIndex, setStepIndex] = useState(0);
  const [tempText, setTempText] = useState('');
  // Spanish speakers mostly measure in °C: start there, and the error says to tap °F otherwise.
  const [tempUnit, setTempUnit] = useState<'F' | 'C'>(lang === 'es' ? 'C' : 'F');
  const [walkText, setWalkText] = useState('');
  const [dosesText, setDosesText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const steps: Step[] = [
    'screening',
    ...groups.filter((g) => flagged(screening, g)).map((g) => g.id),
    'pain',
    'day',
  ];
  const step = steps[Math.min(stepIndex, steps.length - 1)] ?? 'screening';
  const last = stepIndex >= steps.length - 1;
  const update = (patch: Partial<CheckinInput>) => setA((prev) => ({ ...prev, ...patch }));

  function go(index: number) {
    setStepIndex(index);
    // A new step: start at its top, and tell screen readers where they are.
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      heading.current?.focus();
    });
  }

  function answers(): CheckinInput {
    const out = withScreening(a, screening, region);
    if (tempText.trim())
      out.temperature = { value: Number(tempText.replace(',', '.')), unit: tempUnit };
    // Follow-up questions that are no longer shown are not sent.
    if (!isLowReading(tempText, tempUnit)) delete out.feelsVeryUnwell;
    if (out.weakness && !weaknessMayBeWorse(out.weakness)) {
      const { legs: _legs, arms: _arms, ...rest } = out.weakness;
      out.weakness = rest;
    }
    if (walkText.trim()) out.walkingMinutes = Number(walkText);
    if (dosesText.trim()) out.opioidDoses = Number(dosesText);
    return out;
  }

  // An emergency answer on any step: the patient may send at once rather than finish the steps.
  const now = step === 'screening' || last ? null : checkinSchemaFor(region).safeParse(answers());
  const emergencyNow =
    now?.success === true &&
    triage(now.data, ctx.plan.surgery, [], localToday()).level === 'emergency';

  function next() {
    if (step === 'screening' && groups.some((g) => screening[g.id] === undefined)) {
      setErrors([t('checkin.answerScreening')]);
      return;
    }
    const group = groups.find((g) => g.id === step);
    if (group && group.id !== 'temperature' && !group.answered(a)) {
      setErrors([t('checkin.answerDetails')]);
      return;
    }
    if (group?.id === 'temperature' && tempText.trim()) {
      const parsed = checkinSchemaFor(region).safeParse({ temperature: answers().temperature });
      if (!parsed.success) {
        setErrors([t('checkin.badTemperature')]);
        return;
      }
    }
    if (step === 'pain' && dosesText.trim()) {
      const parsed = checkinSchemaFor(region).safeParse({ opioidDoses: Number(dosesText) });
      if (!parsed.success) {
        setErrors([t('checkin.badDoses')]);
        return;
      }
    }
    setErrors([]);
    go(stepIndex + 1);
  }

  function back() {
    setErrors([]);
    go(Math.max(0, stepIndex - 1));
  }

  async function submit() {
    const checkin = answers();
    if (!hasAnyAnswer(checkin)) {
      setErrors([t('checkin.empty')]);
      return;
    }
    const parsed = checkinSchemaFor(region).safeParse(checkin);
    if (!parsed.success) {
      setErrors(
        parsed.error.issues.map((issue) =>
          issue.path[0] === 'temperature'
            ? t('checkin.badTemperature')
            : issue.path[0] === 'walkingMinutes'
              ? t('checkin.badWalking')
              : issue.path[0] === 'opioidDoses'
                ? t('checkin.badDoses')
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
      lang,
      checkin,
    };
    // Kept on the phone first, so nothing is lost if the connection or the tab goes away.
    enqueue(item);
    try {
      const result = await sendOne(item);
      // The photo goes after the check-in is stored; the result does not wait for it.
      const sendingPhoto = photo
        ? uploadPhoto(ctx.me.patientId, { checkinId: result.checkinId }, photo.blob).then(
            () => true,
            () => false,
          )
        : undefined;
      showResult({
        decision: result.decision,
        region,
        sent: true,
        alerted: result.alert !== null,
        ...(sendingPhoto ? { photo: sendingPhoto } : {}),
      });
      navigate('/checkin/result');
    } catch (error) {
      if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
        // Offline: the same rules run on the phone, so danger signs are never held back.
        const decision = triage(parsed.data, ctx.plan.surgery, [], localToday());
        // The check-in waits on the phone; the photo is too big to keep there, so it did not go.
        showResult({
          decision,
          region,
          sent: false,
          alerted: false,
          ...(photo ? { photo: Promise.resolve(false) } : {}),
        });
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

  const title: MessageKey =
    step === 'screening'
      ? 'checkin.screenTitle'
      : step === 'pain'
        ? 'checkin.painStep'
        : step === 'day'
          ? 'checkin.day'
          : step === 'nerves' && region === 'cervical'
            ? 'checkin.group.nerves.neck'
            : `checkin.group.${step}`;
  const props = { a, update, region };

  return (
    <div className="screen checkin" data-step={step}>
      <h1>{t('checkin.title')}</h1>
      <div className="steps-progress">
        <p className="hint" id="step-of">
          {t('checkin.stepOf', { n: stepIndex + 1, total: steps.length })}
        </p>
        <progress value={stepIndex + 1} max={steps.length} aria-labelledby="step-of" />
      </div>
      <section className="card" aria-labelledby="step-title">
        <h2 id="step-title" ref={heading} tabIndex={-1}>
          {t(title)}
        </h2>
        {step === 'screening' ? (
          <ScreeningStep
            ids={groups.map((g) => g.id)}
            screening={screening}
            setScreening={setScreening}
            neck={region === 'cervical'}
          />
        ) : step === 'pain' ? (
          <PainStep {...props} dosesText={dosesText} setDosesText={setDosesText} />
        ) : step === 'day' ? (
          <>
            <DayStep {...props} walkText={walkText} setWalkText={setWalkText} />
            <PhotoPicker photo={photo} onChange={setPhoto} />
          </>
        ) : (
          <GroupDetails
            group={step}
            {...props}
            tempText={tempText}
            setTempText={setTempText}
            tempUnit={tempUnit}
            setTempUnit={setTempUnit}
          />
        )}
      </section>

      {errors.length > 0 ? (
        <div className="error" role="alert">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <div className="step-buttons">
        {stepIndex > 0 ? (
          <button type="button" className="secondary" onClick={back}>
            {t('checkin.back')}
          </button>
        ) : null}
        {emergencyNow ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void submit()}
            data-testid="send-now"
          >
            {t('checkin.sendNow')}
          </button>
        ) : null}
        {last ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {t('checkin.send')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={next}>
            {t('checkin.next')}
          </button>
        )}
      </div>
      <p className="hint center">{t('checkin.emergencyHint')}</p>
    </div>
  );
}

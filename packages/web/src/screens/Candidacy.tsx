import type { CandidacyAnswersInput, CandidacyResult } from '@lamina/pathway';
import { conservativeTreatments, dailyTasks } from '@lamina/pathway';
import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, api } from '../lib/api.ts';
import { Link, usePath } from '../lib/router.tsx';
import { Choice } from '../ui/Choice.tsx';
import { ErrorNote } from '../ui/Form.tsx';
import { Stmt } from '../ui/Statement.tsx';
import { RequestOffers } from './intake/RequestOffers.tsx';

type Flat = Record<string, string>;
type Step = 'region' | 'emergency' | 'symptoms' | 'walking' | 'daily' | 'imaging';
const steps: readonly Step[] = ['region', 'emergency', 'symptoms', 'walking', 'daily', 'imaging'];

const yesNoUnsure = (v: string | undefined) =>
  v === 'yes' ? true : v === 'no' ? false : undefined;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** Flat screen answers → the pathway questionnaire; "not sure" stays undefined, never "no". */
function toAnswers(
  f: Flat,
  tasks: string[] | undefined,
  tried: string[] | undefined,
): CandidacyAnswersInput {
  const region = f.region === 'cervical' ? 'cervical' : 'lumbar';
  return {
    region,
    emergency: {
      newBladderOrBowelTrouble: yesNoUnsure(f.newBladderOrBowelTrouble),
      saddleNumbness: yesNoUnsure(f.saddleNumbness),
      rapidlyWorseningWeakness: yesNoUnsure(f.rapidlyWorseningWeakness),
    },
    symptoms: {
      painTravelsIntoLimb: yesNoUnsure(f.painTravelsIntoLimb),
      limbPainWorseThanSpinePain: yesNoUnsure(f.limbPainWorseThanSpinePain),
      nervePatternNumbnessOrTingling: yesNoUnsure(f.nervePatternNumbnessOrTingling),
      weakness: f.weakness as 'none' | 'stable' | 'slowly-worsening' | undefined,
      pattern: f.pattern as 'consistent' | 'shifts-with-no-pattern' | undefined,
      durationWeeks: num(f.durationWeeks),
    },
    ...(region === 'lumbar'
      ? {
          walking: {
            worseWithStandingOrWalking: yesNoUnsure(f.worseWithStandingOrWalking),
            easedBySittingOrBendingForward: yesNoUnsure(f.easedBySittingOrBendingForward),
            easierLeaningOnShoppingCart: yesNoUnsure(f.easierLeaningOnShoppingCart),
            symptomsAboveKnee: yesNoUnsure(f.symptomsAboveKnee),
            calfPainEasedByStandingStill: yesNoUnsure(f.calfPainEasedByStandingStill),
            minutesBeforeStopping: num(f.minutesBeforeStopping),
          },
        }
      : {
          spinalCord: {
            clumsyHandsOrDroppingThings: yesNoUnsure(f.clumsyHandsOrDroppingThings),
            balanceOrWalkingTrouble: yesNoUnsure(f.balanceOrWalkingTrouble),
          },
        }),
    ...(tasks ? { dailyTasksLost: tasks as CandidacyAnswersInput['dailyTasksLost'] } : {}),
    conservativeCare: {
      ...(tried ? { tried: tried as (typeof conservativeTreatments)[number][] } : {}),
      weeks: num(f.careWeeks),
      result: f.careResult as
        | 'no-help'
        | 'some-help-not-enough'
        | 'helped-enough'
        | 'still-trying'
        | undefined,
    },
    imaging: {
      type: f.imagingType as 'mri' | 'ct' | 'both' | 'none' | undefined,
      showed: f.imagingShowed as
        | 'nerve-compression'
        | 'something-else'
        | 'nothing-found'
        | 'not-sure'
        | undefined,
    },
  };
}

interface Submitted {
  result: CandidacyResult;
  assessmentId?: string;
  clinic: string;
  contactSaved: boolean;
}

/** The public candidacy check: no account, ends with the offer of a scan review or a consultation. */
export default function Candidacy() {
  const { t } = useI18n();
  const path = usePath();
  const clinicSlug = path.split('/')[2] || 'demo';
  const [stepIndex, setStepIndex] = useState(0);
  const [f, setF] = useState<Flat>({});
  const [tasks, setTasks] = useState<string[] | undefined>(undefined);
  const [tried, setTried] = useState<string[] | undefined>(undefined);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const step = steps[stepIndex] ?? 'region';
  const neck = f.region === 'cervical';
  const set = (key: string) => (value: string) => setF((prev) => ({ ...prev, [key]: value }));

  async function submit(contact?: { name: string; email?: string; phone?: string; consent: true }) {
    setBusy(true);
    setError(null);
    try {
      const response = await api.post<Submitted>(
        `/api/public/${encodeURIComponent(clinicSlug)}/candidacy`,
        {
          answers: toAnswers(f, tasks, tried),
          ...(contact ? { contact } : {}),
        },
      );
      setSubmitted(response);
      window.scrollTo(0, 0);
    } catch (e) {
      // The server's problem text is English: show the patient's language instead.
      setError(
        !(e instanceof ApiError)
          ? t('app.needsConnection')
          : e.status === 404
            ? t('candidacy.clinicNotFound')
            : e.status === 429
              ? t('candidacy.tooMany')
              : t('candidacy.sendError'),
      );
    } finally {
      setBusy(false);
    }
  }

  const yn = (key: string, legend: MessageKey) => (
    <Choice
      key={key}
      legend={t(legend)}
      options={[
        { value: 'yes', label: t('answer.yes') },
        { value: 'no', label: t('answer.no') },
        { value: 'unsure', label: t('answer.unsure') },
      ]}
      columns={3}
      value={f[key]}
      onChange={set(key)}
    />
  );
  const pick = (key: string, legend: MessageKey, options: readonly [string, MessageKey][]) => (
    <Choice
      key={key}
      legend={t(legend)}
      options={options.map(([value, label]) => ({ value, label: t(label) }))}
      value={f[key]}
      onChange={set(key)}
    />
  );
  const checklist = (
    legend: MessageKey,
    values: readonly string[],
    prefix: string,
    chosen: string[] | undefined,
    setChosen: (v: string[] | undefined) => void,
  ) => (
    <fieldset className="checklist">
      <legend>{t(legend)}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input
            type="checkbox"
            checked={chosen?.includes(v) ?? false}
            onChange={(e) =>
              setChosen(
                e.target.checked ? [...(chosen ?? []), v] : (chosen ?? []).filter((x) => x !== v),
              )
            }
          />
          <span>{t(`${prefix}.${v}` as MessageKey)}</span>
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={chosen !== undefined && chosen.length === 0}
          onChange={(e) => setChosen(e.target.checked ? [] : undefined)}
        />
        <span>{t('candidacy.noneOfThese')}</span>
      </label>
    </fieldset>
  );

  if (submitted)
    return (
      <CandidacyResultView
        submitted={submitted}
        busy={busy}
        error={error}
        onContact={submit}
        clinicSlug={clinicSlug}
      />
    );

  const emergencyYes = [
    'newBladderOrBowelTrouble',
    'saddleNumbness',
    'rapidlyWorseningWeakness',
  ].some((k) => f[k] === 'yes');
  const last = stepIndex === steps.length - 1;

  return (
    <form
      className="screen candidacy"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (emergencyYes || last) void submit();
        else {
          setStepIndex((i) => i + 1);
          window.scrollTo(0, 0);
        }
      }}
      noValidate
    >
      <h1>{t('candidacy.title')}</h1>
      {stepIndex === 0 ? <p className="lead">{t('candidacy.intro')}</p> : null}
      <p className="hint" aria-live="polite">
        {t('candidacy.step', { step: stepIndex + 1, of: steps.length })}
      </p>
      <section className="card">
        {step === 'region'
          ? pick('region', 'candidacy.region', [
              ['lumbar', 'candidacy.region.lumbar'],
              ['cervical', 'candidacy.region.cervical'],
            ])
          : null}
        {step === 'emergency' ? (
          <>
            <h2>{t('candidacy.emergencyTitle')}</h2>
            {yn('newBladderOrBowelTrouble', 'candidacy.q.bladderBowel')}
            {yn('saddleNumbness', 'candidacy.q.saddle')}
            {yn('rapidlyWorseningWeakness', 'candidacy.q.rapidWeakness')}
            {emergencyYes ? (
              <p className="error" role="alert">
                {t('candidacy.emergencyNow')}
              </p>
            ) : null}
          </>
        ) : null}
        {step === 'symptoms' ? (
          <>
            {yn('painTravelsIntoLimb', neck ? 'candidacy.q.travels.neck' : 'candidacy.q.travels')}
            {yn(
              'limbPainWorseThanSpinePain',
              neck ? 'candidacy.q.limbWorse.neck' : 'candidacy.q.limbWorse',
            )}
            {yn('nervePatternNumbnessOrTingling', 'candidacy.q.tingling')}
            {pick('weakness', 'candidacy.q.weakness', [
              ['none', 'candidacy.weakness.none'],
              ['stable', 'candidacy.weakness.stable'],
              ['slowly-worsening', 'candidacy.weakness.worse'],
            ])}
            {pick('pattern', 'candidacy.q.pattern', [
              ['consistent', 'candidacy.pattern.consistent'],
              ['shifts-with-no-pattern', 'candidacy.pattern.shifts'],
            ])}
            {pick('durationWeeks', 'candidacy.q.duration', [
              ['3', 'candidacy.duration.lt6w'],
              ['8', 'candidacy.duration.6to12w'],
              ['18', 'candidacy.duration.3to6m'],
              ['36', 'candidacy.duration.6to12m'],
              ['60', 'candidacy.duration.gt1y'],
            ])}
          </>
        ) : null}
        {step === 'walking' && !neck ? (
          <>
            {yn('worseWithStandingOrWalking', 'candidacy.q.worseWalking')}
            {yn('easedBySittingOrBendingForward', 'candidacy.q.easedSitting')}
            {yn('easierLeaningOnShoppingCart', 'candidacy.q.cart')}
            {yn('symptomsAboveKnee', 'candidacy.q.aboveKnee')}
            {yn('calfPainEasedByStandingStill', 'candidacy.q.calfStanding')}
            {pick('minutesBeforeStopping', 'candidacy.q.minutes', [
              ['3', 'candidacy.minutes.lt5'],
              ['10', 'candidacy.minutes.5to15'],
              ['20', 'candidacy.minutes.15to30'],
              ['45', 'candidacy.minutes.gt30'],
            ])}
          </>
        ) : null}
        {step === 'walking' && neck ? (
          <>
            {yn('clumsyHandsOrDroppingThings', 'candidacy.q.clumsy')}
            {yn('balanceOrWalkingTrouble', 'candidacy.q.balance')}
          </>
        ) : null}
        {step === 'daily' ? (
          <>
            {checklist('candidacy.q.tasks', dailyTasks, 'candidacy.task', tasks, setTasks)}
            {checklist(
              'candidacy.q.tried',
              conservativeTreatments,
              'candidacy.tried',
              tried,
              setTried,
            )}
            {pick('careWeeks', 'candidacy.q.careWeeks', [
              ['3', 'candidacy.duration.lt6w'],
              ['8', 'candidacy.duration.6to12w'],
              ['18', 'candidacy.duration.3to6m'],
              ['36', 'candidacy.duration.6to12m'],
            ])}
            {pick('careResult', 'candidacy.q.careResult', [
              ['no-help', 'candidacy.care.noHelp'],
              ['some-help-not-enough', 'candidacy.care.some'],
              ['helped-enough', 'candidacy.care.enough'],
              ['still-trying', 'candidacy.care.trying'],
            ])}
          </>
        ) : null}
        {step === 'imaging' ? (
          <>
            {pick('imagingType', 'candidacy.q.imaging', [
              ['mri', 'candidacy.imaging.mri'],
              ['ct', 'candidacy.imaging.ct'],
              ['both', 'candidacy.imaging.both'],
              ['none', 'candidacy.imaging.none'],
            ])}
            {pick('imagingShowed', 'candidacy.q.showed', [
              ['nerve-compression', 'candidacy.showed.compression'],
              ['something-else', 'candidacy.showed.else'],
              ['nothing-found', 'candidacy.showed.nothing'],
              ['not-sure', 'candidacy.showed.unsure'],
            ])}
          </>
        ) : null}
      </section>
      <ErrorNote error={error} />
      <div className="row buttons">
        {stepIndex > 0 ? (
          <button type="button" className="secondary" onClick={() => setStepIndex((i) => i - 1)}>
            {t('candidacy.back')}
          </button>
        ) : null}
        <button
          type="submit"
          className="primary"
          disabled={busy || (step === 'region' && !f.region)}
        >
          {emergencyYes || last ? t('candidacy.seeResult') : t('candidacy.next')}
        </button>
      </div>
      <p className="hint center">
        <Link href="/treatments">{t('candidacy.treatmentLink')}</Link>
      </p>
    </form>
  );
}

function CandidacyResultView({
  submitted,
  busy,
  error,
  onContact,
  clinicSlug,
}: {
  submitted: Submitted;
  clinicSlug: string;
  busy: boolean;
  error: string | null;
  onContact(contact: {
    name: string;
    email?: string;
    phone?: string;
    consent: true;
  }): Promise<void>;
}) {
  const { t } = useI18n();
  const { result } = submitted;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const urgent = result.category === 'urgent';

  return (
    <div
      className={`screen candidacy-result ${urgent ? 'emergency' : ''}`}
      data-category={result.category}
    >
      <h1>{urgent ? t('result.emergencyTitle') : t('candidacy.resultTitle')}</h1>
      {urgent ? (
        <a className="call" href="tel:911">
          {t('result.call911')}
        </a>
      ) : null}
      {result.emergencyInstruction ? <Stmt s={result.emergencyInstruction} /> : null}
      {/* On an emergency the summary is the same instruction: shown once (issue 17). */}
      {result.summary.id !== result.emergencyInstruction?.id ? (
        <Stmt s={result.summary} className="headline" />
      ) : null}
      {result.reasons.length > 0 ? (
        <section className="card">
          <h2>{t('candidacy.why')}</h2>
          {result.reasons.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
        </section>
      ) : null}
      {result.questionsForSurgeon.length > 0 ? (
        <section className="card">
          <h2>{t('candidacy.questions')}</h2>
          {result.questionsForSurgeon.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
        </section>
      ) : null}
      <section className="card">
        <h2>{t('candidacy.nextSteps')}</h2>
        {result.nextSteps.map((step) => (
          <Stmt key={step.id} s={step.statement} />
        ))}
      </section>
      <Stmt s={result.notADiagnosis} className="disclaimer" />

      {!urgent ? (
        <section className="card offer" aria-labelledby="offer-title">
          <h2 id="offer-title">{t('candidacy.offerTitle')}</h2>
          {submitted.contactSaved ? (
            <p role="status" className="banner sent">
              {t('candidacy.thanks', { clinic: submitted.clinic })}
            </p>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (!name.trim() || (!email.trim() && !phone.trim())) {
                  setLocalError(t('candidacy.contactMissing'));
                  return;
                }
                if (!consent) {
                  setLocalError(t('candidacy.consentMissing'));
                  return;
                }
                setLocalError(null);
                void onContact({
                  name: name.trim(),
                  ...(email.trim() ? { email: email.trim() } : {}),
                  ...(phone.trim() ? { phone: phone.trim() } : {}),
                  consent: true,
                });
              }}
              noValidate
            >
              <p>{t('candidacy.offerText', { clinic: submitted.clinic })}</p>
              <label className="field">
                <span>{t('candidacy.name')}</span>
                <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('candidacy.email')}</span>
                <input
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              </label>
              <label className="field">
                <span>{t('candidacy.phone')}</span>
                <input
                  type="tel"
                  autoComplete="tel"
                  value={phone}
                  onChange={(e) => setPhone(e.target.value)}
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={consent}
                  onChange={(e) => setConsent(e.target.checked)}
                />
                <span>{t('candidacy.consent', { clinic: submitted.clinic })}</span>
              </label>
              {localError || error ? (
                <p className="error" role="alert">
                  {localError ?? error}
                </p>
              ) : null}
              <button type="submit" className="primary big" disabled={busy}>
                {t('candidacy.request')}
              </button>
            </form>
          )}
        </section>
      ) : null}
      {!urgent ? (
        <section className="card" aria-labelledby="intake-offers-title">
          <h2 id="intake-offers-title">{t('intake.offersTitle')}</h2>
          <RequestOffers clinicSlug={clinicSlug} assessmentId={submitted.assessmentId} />
        </section>
      ) : null}
      <p className="hint center">
        <Link href="/treatments">{t('candidacy.treatmentLink')}</Link>
      </p>
    </div>
  );
}

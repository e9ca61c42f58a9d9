import type { SecondOpinionReportView } from '@lamina/contract';
import { type FormEvent, useState } from 'react';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { api } from '../lib/api.ts';
import { TextField } from '../ui/TextField.tsx';
import { AddendumForm as TextAddendum } from './addendum-form.tsx';
import { dateTime, useT } from './i18n.ts';
import { errorsByField } from './ui-status.tsx';

type Answer = 'yes' | 'no' | 'unclear';
type Recommendation = 'continue_plan' | 'see_surgeon' | 'more_imaging' | 'urgent_care';
const answers: Answer[] = ['yes', 'no', 'unclear'];
const recommendations: Recommendation[] = [
  'continue_plan',
  'see_surgeon',
  'more_imaging',
  'urgent_care',
];

export function ReportView({ report }: { report: SecondOpinionReportView }) {
  const { t, lang } = useT();
  return (
    <section className="card" aria-labelledby="so-report" data-testid="so-report">
      <h2 id="so-report">{t('so.report')}</h2>
      <dl>
        <dt>{t('so.decompression')}</dt>
        <dd>{t(`so.answer.${report.decompressionAdequate}` as ConsoleKey)}</dd>
        <dt>{t('so.fusion')}</dt>
        <dd>{t(`so.answer.${report.fusionForming}` as ConsoleKey)}</dd>
        <dt>{t('so.recommendation')}</dt>
        <dd>{t(`so.rec.${report.recommendation}` as ConsoleKey)}</dd>
        <dt>{t('so.concerns')}</dt>
        <dd>{report.concerns || '–'}</dd>
        <dt>{t('so.patientSummary')}</dt>
        <dd>{report.patientSummary}</dd>
      </dl>
      {report.addenda.length > 0 ? (
        <>
          <h3>{t('so.addenda')}</h3>
          <ul>
            {report.addenda.map((a) => (
              <li key={a.at}>
                {dateTime(a.at, lang)}: {a.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A correction after the report: appended, shown to the patient with the report. */
export function AddendumForm({ caseId, onAdded }: { caseId: string; onAdded(): Promise<void> }) {
  const { t } = useT();
  return (
    <TextAddendum
      label={t('so.addendumLabel')}
      submitLabel={t('so.addendumSubmit')}
      maxLength={2000}
      send={async (text) => {
        await api.post(`/api/second-opinions/${caseId}/addendum`, { text });
        await onAdded();
      }}
    />
  );
}

/** The reviewer's structured report; the server checks it again (the same schema) and takes it once. */
export function ReportForm({
  caseId,
  fusion,
  onSubmitted,
}: {
  caseId: string;
  fusion: boolean;
  onSubmitted(): Promise<void>;
}) {
  const { t } = useT();
  const [decompression, setDecompression] = useState<Answer | ''>('');
  const [fusionForming, setFusionForming] = useState<Answer | ''>('');
  const [concerns, setConcerns] = useState('');
  const [recommendation, setRecommendation] = useState<Recommendation | ''>('');
  const [patientSummary, setPatientSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const result = await api.post<{ alert: unknown }>(`/api/second-opinions/${caseId}/report`, {
        decompressionAdequate: decompression,
        fusionForming: fusion ? fusionForming : 'not_applicable',
        concerns,
        recommendation,
        patientSummary,
      });
      setMessage(result.alert ? `${t('so.submitted')} ${t('so.alertRaised')}` : t('so.submitted'));
      await onSubmitted();
    } catch (e) {
      setErrors(errorsByField(e, t('console.loadError')));
    } finally {
      setBusy(false);
    }
  }

  const choice = (
    name: string,
    legend: ConsoleKey,
    value: string,
    set: (v: never) => void,
    options: readonly string[],
    prefix: 'so.answer' | 'so.rec',
  ) => (
    <fieldset className="field" aria-describedby={errors[name] ? `${name}-error` : undefined}>
      <legend>{t(legend)}</legend>
      {options.map((option) => (
        <label key={option} className="check">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => set(option as never)}
          />{' '}
          {t(`${prefix}.${option}` as ConsoleKey)}
        </label>
      ))}
      {errors[name] ? (
        <p className="error" id={`${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </fieldset>
  );

  return (
    <form className="card" onSubmit={submit} aria-labelledby="so-report-form">
      <h2 id="so-report-form">{t('so.report')}</h2>
      <p className="hint">{t('so.reportIntro')}</p>
      {choice(
        'decompressionAdequate',
        'so.decompression',
        decompression,
        setDecompression,
        answers,
        'so.answer',
      )}
      {fusion ? (
        choice('fusionForming', 'so.fusion', fusionForming, setFusionForming, answers, 'so.answer')
      ) : (
        <p>{t('so.fusionNotApplicable')}</p>
      )}
      <TextField
        label={t('so.concerns')}
        rows={3}
        maxLength={4000}
        value={concerns}
        onChange={setConcerns}
      />
      {choice(
        'recommendation',
        'so.recommendation',
        recommendation,
        setRecommendation,
        recommendations,
        'so.rec',
      )}
      <label className="field">
        <span>{t('so.patientSummary')}</span>
        <textarea
          rows={4}
          maxLength={2000}
          value={patientSummary}
          aria-describedby="so-summary-hint"
          aria-invalid={errors.patientSummary ? true : undefined}
          onChange={(e) => setPatientSummary(e.target.value)}
        />
      </label>
      <p className="hint" id="so-summary-hint">
        {t('so.patientSummaryHint')}
      </p>
      {errors.patientSummary ? <p className="error">{errors.patientSummary}</p> : null}
      {errors.form ? (
        <p className="error" role="alert">
          {errors.form}
        </p>
      ) : null}
      {message ? (
        <p role="status" data-testid="so-submitted">
          {message}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {t('so.submit')}
      </button>
    </form>
  );
}

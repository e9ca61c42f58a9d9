import type { RequestReviewWritten, StaffReview } from '@lamina/contract';
import {
  type ImagingReviewNextStep,
  imagingReviewNextSteps,
  imagingReviewTextLimits,
  imagingReviewTexts,
  type Statement,
} from '@lamina/pathway';
import { type FormEvent, useState } from 'react';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { api } from '../lib/api.ts';
import { Sources } from '../ui/Statement.tsx';
import { AddendumForm } from './addendum-form.tsx';
import { dateTime, useT } from './i18n.ts';
import { errorsByField } from './ui-status.tsx';

/**
 * The free MRI/CT review result in the console (issue 13, decision 015): a clinician writes it once
 * (a next step and a plain summary in the requester's language); corrections are addenda. Care
 * managers and admins read it. The server checks everything again with the same schema.
 */

type Language = 'en' | 'es';
type Shown = Statement & { lang: Language };

/** The fixed texts the requester reads with the result, in their language, with sources. */
function RequesterTexts({ texts }: { texts: { notice: Shown; meaning: Shown; doNow: Shown } }) {
  return (
    <>
      {[texts.meaning, texts.doNow, texts.notice].map((s) => (
        <div key={s.id} className="stmt">
          <p lang={s.lang}>{s.text}</p>
          <Sources sources={s.sources} ids />
        </div>
      ))}
    </>
  );
}

export function ReviewResultView({
  review,
  language,
}: {
  review: StaffReview;
  language: Language;
}) {
  const { t, lang } = useT();
  return (
    <section className="card" aria-labelledby="result-heading" data-testid="review-result">
      <h2 id="result-heading">{t('requests.resultWritten')}</h2>
      <p className="hint">
        {t('requests.resultBy', {
          name: review.author.name,
          date: dateTime(review.writtenAt, lang),
        })}
      </p>
      <dl>
        <dt>{t('requests.resultNextStep')}</dt>
        <dd>{t(`requests.resultNextStep.${review.nextStep}` as ConsoleKey)}</dd>
        <dt>{t('requests.resultSummary')}</dt>
        <dd lang={language} style={{ whiteSpace: 'pre-wrap' }}>
          {review.summary}
        </dd>
      </dl>
      {review.addenda.length > 0 ? (
        <>
          <h3>{t('requests.resultAddenda')}</h3>
          <ul>
            {review.addenda.map((a) => (
              <li key={a.id}>
                <strong>{a.author.name}</strong> {dateTime(a.at, lang)}:{' '}
                <span lang={language}>{a.text}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>{t('requests.resultRequesterView')}</summary>
        <RequesterTexts texts={review.shownToRequester} />
      </details>
    </section>
  );
}

export function ReviewResultForm({
  requestId,
  language,
  onSaved,
}: {
  requestId: string;
  language: Language;
  onSaved(review: StaffReview): void;
}) {
  const { t } = useT();
  const [nextStep, setNextStep] = useState<ImagingReviewNextStep | ''>('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const limits = imagingReviewTextLimits.summary;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    if (!nextStep) {
      setErrors({ nextStep: t('requests.resultChooseStep') });
      return;
    }
    setBusy(true);
    try {
      const answer = await api.post<RequestReviewWritten>(
        `/api/requests/${requestId}/imaging-review-result`,
        { nextStep, summary },
      );
      onSaved(answer.imagingReview);
    } catch (error) {
      setErrors(errorsByField(error, t('console.loadError')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="result-form-heading">
      <h2 id="result-form-heading">{t('requests.result')}</h2>
      <fieldset
        className="field"
        aria-describedby={errors.nextStep ? 'result-step-error' : undefined}
      >
        <legend>{t('requests.resultNextStep')}</legend>
        {imagingReviewNextSteps.map((step) => (
          <label key={step} className="check">
            <input
              type="radio"
              name="result-next-step"
              value={step}
              checked={nextStep === step}
              onChange={() => setNextStep(step)}
            />{' '}
            {t(`requests.resultNextStep.${step}` as ConsoleKey)}
          </label>
        ))}
        {errors.nextStep ? (
          <p className="error" id="result-step-error">
            {errors.nextStep}
          </p>
        ) : null}
      </fieldset>
      <label className="field">
        <span>{t('requests.resultSummary')}</span>
        <textarea
          rows={5}
          lang={language}
          maxLength={limits.max}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          aria-describedby={`result-summary-hint${errors.summary ? ' result-summary-error' : ''}`}
          aria-invalid={errors.summary ? true : undefined}
        />
        <span className="hint" id="result-summary-hint">
          {t('requests.resultSummaryHint', {
            language: t(`requests.language.${language}` as ConsoleKey),
            min: limits.min,
            max: limits.max,
            count: summary.trim().length,
          })}
        </span>
        {errors.summary ? (
          <span className="error" id="result-summary-error">
            {errors.summary}
          </span>
        ) : null}
      </label>
      {nextStep ? (
        <div className="preview" data-testid="result-preview">
          <h3>{t('requests.resultPreview')}</h3>
          <RequesterTexts texts={imagingReviewTexts(nextStep, language)} />
        </div>
      ) : null}
      {errors.form ? (
        <p className="error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {t('requests.resultSubmit')}
      </button>
    </form>
  );
}

/** A correction after the result: appended, shown to the requester under the result. */
export function ReviewAddendumForm({
  requestId,
  onAdded,
}: {
  requestId: string;
  onAdded(review: StaffReview): void;
}) {
  const { t } = useT();
  return (
    <AddendumForm
      label={t('requests.resultAddendum')}
      submitLabel={t('requests.resultAddendumSubmit')}
      maxLength={imagingReviewTextLimits.addendum.max}
      send={async (text) => {
        const answer = await api.post<RequestReviewWritten>(
          `/api/requests/${requestId}/imaging-review-addendum`,
          { text },
        );
        onAdded(answer.imagingReview);
      }}
    />
  );
}

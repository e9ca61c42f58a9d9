import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Sources } from '../../ui/Statement.tsx';
import type { RequesterReview } from './intake-api.ts';

/**
 * The result of a free MRI/CT review as the requester reads it (status page and the patient's own
 * requests): the clinician's words as written, what the next step means and the "not a diagnosis"
 * notice, all in the language of the request (the server sends them so; `lang` marks it).
 */
export function ReviewResult({
  review,
  clinicSlug,
  headingLevel = 2,
}: {
  review: RequesterReview;
  clinicSlug?: string;
  headingLevel?: 2 | 3;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = useId();
  const on = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(
    new Date(review.writtenAt),
  );
  return (
    <section className="card" aria-labelledby={headingId} data-testid="review-result">
      <Heading id={headingId}>{t('intake.resultTitle')}</Heading>
      <p className="hint">{t('intake.resultBy', { name: review.reviewedBy, date: on })}</p>
      <p lang={review.language} style={{ whiteSpace: 'pre-wrap' }} data-testid="review-summary">
        {review.summary}
      </p>
      {review.addenda.length > 0 ? (
        <>
          <p>
            <strong>{t('intake.resultAddenda')}</strong>
          </p>
          <ul>
            {review.addenda.map((a) => (
              <li key={a.at} lang={review.language}>
                {a.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <strong>{t('intake.resultNextStep')}:</strong>{' '}
        <span data-testid="review-next-step">{t(`intake.resultNextStep.${review.nextStep}`)}</span>
      </p>
      {[review.meaning, review.doNow].map((s) => (
        <div key={s.id} className="stmt">
          <p lang={s.lang}>{s.text}</p>
          <Sources sources={s.sources} />
        </div>
      ))}
      {review.nextStep === 'consultation' ? (
        <p>
          <Link
            href={`/request/treatment${clinicSlug ? `?clinic=${encodeURIComponent(clinicSlug)}` : ''}`}
            className="button primary"
          >
            {t('intake.resultAskConsultation')}
          </Link>
        </p>
      ) : null}
      <div className="stmt notice" data-testid="review-notice">
        <p lang={review.notice.lang}>{review.notice.text}</p>
        <Sources sources={review.notice.sources} />
      </div>
    </section>
  );
}

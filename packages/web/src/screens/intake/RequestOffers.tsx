import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { type RequestKind, requestKinds } from './intake-api.ts';

/** Where a request kind's form lives, carrying the clinic and the candidacy check it comes from. */
export function requestHref(kind: RequestKind, clinicSlug: string, assessmentId?: string) {
  const query = new URLSearchParams({ clinic: clinicSlug });
  if (assessmentId) query.set('assessment', assessmentId);
  return `/request/${kind}?${query}`;
}

/** The five ways in, as buttons (the candidacy result and the hub both show them). */
export function RequestOffers({
  clinicSlug,
  assessmentId,
}: {
  clinicSlug: string;
  assessmentId?: string;
}) {
  const { t } = useI18n();
  return (
    <ul className="intake-offers" style={{ listStyle: 'none', padding: 0 }}>
      {requestKinds.map((kind) => (
        <li key={kind}>
          <Link className="button secondary big" href={requestHref(kind, clinicSlug, assessmentId)}>
            {t(`intake.kind.${kind}`)}
          </Link>
          <span className="hint">{t(`intake.about.${kind}`)}</span>
        </li>
      ))}
    </ul>
  );
}

import type {
  SecondOpinionCase,
  SecondOpinionReviewer,
  SecondOpinionSettings,
} from '@lamina/contract';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { ApiError, api, type Me } from '../lib/api.ts';
import { Link } from '../lib/router.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { dateTime, duration, useT } from './i18n.ts';
import { AddendumForm, ReportForm, ReportView } from './second-opinion-report.tsx';
import { CaseScans } from './second-opinion-scans.tsx';
import { CaseSummary } from './second-opinion-summary.tsx';
import { InlineField } from './ui-field.tsx';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

/**
 * Second opinions in the console: admins see every case with its deadline and assign a reviewer;
 * clinicians and care managers read them; a reviewer sees only "My cases" and writes the report.
 */
export default function SecondOpinions({ me, caseId }: { me: Me; caseId?: string | undefined }) {
  if (caseId) return <CaseDetail me={me} caseId={caseId} />;
  return <CaseList me={me} />;
}

function CaseList({ me }: { me: Me }) {
  const { t, date, lang } = useT();
  const [cases, setCases] = useState<SecondOpinionCase[] | null>(null);
  const [reviewers, setReviewers] = useState<SecondOpinionReviewer[]>([]);
  const [failed, setFailed] = useState(false);
  const isReviewer = me.role === 'reviewer';
  const isAdmin = me.role === 'admin';

  const load = useCallback(async () => {
    try {
      setCases((await api.get<{ cases: SecondOpinionCase[] }>('/api/second-opinions')).cases);
      if (isAdmin)
        setReviewers(
          (await api.get<{ reviewers: SecondOpinionReviewer[] }>('/api/second-opinion-reviewers'))
            .reviewers,
        );
    } catch {
      setFailed(true);
    }
  }, [isAdmin]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div>
      <h1>{isReviewer ? t('so.myCasesTitle') : t('so.title')}</h1>
      <p className="hint">{isReviewer ? t('so.reviewerIntro') : t('so.intro')}</p>
      {isAdmin ? <ReportDays /> : null}
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {!cases && !failed ? <Loading /> : null}
      {cases && cases.length === 0 ? <p>{t('so.none')}</p> : null}
      {cases && cases.length > 0 ? (
        <DataTable
          testId="so-cases"
          columns={[
            ...(isReviewer ? [] : [t('so.patient')]),
            t('so.question'),
            ...(isReviewer ? [] : [t('so.asked')]),
            t('so.status'),
            ...(isReviewer ? [] : [t('so.reviewer')]),
            t('so.due'),
            t('so.timeLeft'),
            ...(isAdmin ? [t('so.assignTo')] : []),
          ]}
        >
          {cases.map((c) => (
            <tr
              key={c.id}
              data-testid="so-row"
              className={c.deadline?.overdue ? 'overdue' : undefined}
            >
              {isReviewer ? null : <td>{c.patient?.name}</td>}
              <td>
                <Link href={`/console/second-opinions/${c.id}`}>
                  {c.question.length > 80 ? `${c.question.slice(0, 79)}…` : c.question}
                </Link>
              </td>
              {isReviewer ? null : <td>{c.createdAt ? dateTime(c.createdAt, lang) : '–'}</td>}
              <td>{t(`so.status.${c.status}` as ConsoleKey)}</td>
              {isReviewer ? null : <td>{c.reviewer?.name ?? '–'}</td>}
              <td data-testid="so-due">{c.deadline ? date(c.deadline.dueOn) : '–'}</td>
              <td>
                {c.deadline?.msLeft === null || c.deadline?.msLeft === undefined ? (
                  '–'
                ) : c.deadline.overdue ? (
                  <strong className="overdue">
                    {t('so.overdue', { time: duration(c.deadline.msLeft, lang) })}
                  </strong>
                ) : (
                  duration(c.deadline.msLeft, lang)
                )}
              </td>
              {isAdmin ? (
                <td>
                  {c.status === 'requested' || c.status === 'assigned' ? (
                    <AssignReviewer item={c} reviewers={reviewers} onAssigned={load} />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}
      {isAdmin && reviewers.length === 0 && cases ? <p>{t('so.noReviewers')}</p> : null}
    </div>
  );
}

/** The clinic's business days for a report; applies to assignments from now on. */
function ReportDays() {
  const { t } = useT();
  const [days, setDays] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<{ reportBusinessDays: number }>('/api/second-opinion-settings')
      .then((r) => setDays(String(r.reportBusinessDays)))
      .catch(() => setError(t('console.loadError')));
  }, [t]);
  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    setError(null);
    try {
      const saved = await api.put<SecondOpinionSettings>('/api/second-opinion-settings', {
        reportBusinessDays: Number(days),
      });
      setMessage(t('so.daysSaved', { days: saved.reportBusinessDays }));
    } catch (e) {
      setError(
        e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t('console.loadError'),
      );
    }
  }
  return (
    <form className="inline-form" onSubmit={save}>
      <InlineField
        label={t('so.daysLabel')}
        type="number"
        min={1}
        max={20}
        value={days}
        onChange={(e) => setDays(e.target.value)}
      />{' '}
      <button type="submit" className="secondary small">
        {t('so.daysSave')}
      </button>
      {message ? <span role="status"> {message}</span> : null}
      {error ? (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </form>
  );
}

function AssignReviewer({
  item,
  reviewers,
  onAssigned,
}: {
  item: SecondOpinionCase;
  reviewers: SecondOpinionReviewer[];
  onAssigned(): Promise<void>;
}) {
  const { t } = useT();
  const [reviewerId, setReviewerId] = useState(item.reviewer?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = `so-assign-${item.id}`;
  return (
    <span className="buttons">
      <label htmlFor={id} className="visually-hidden">
        {t('so.assignTo')}
      </label>
      <select id={id} value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
        <option value="">{t('so.chooseReviewer')}</option>
        {reviewers.map((r) => (
          <option key={r.id} value={r.id}>
            {r.displayName}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary small"
        disabled={!reviewerId}
        onClick={async () => {
          setError(null);
          try {
            await api.post(`/api/second-opinions/${item.id}/assign`, { reviewerId });
            await onAssigned();
          } catch (e) {
            setError(e instanceof ApiError ? e.message : t('console.loadError'));
          }
        }}
      >
        {item.reviewer ? t('so.reassign') : t('so.assign')}
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function CaseDetail({ me, caseId }: { me: Me; caseId: string }) {
  const { t, date } = useT();
  const loaded = useLoaded<{ case: SecondOpinionCase }>(`/api/second-opinions/${caseId}`);
  const { failed, reload: load } = loaded;
  const item = loaded.data?.case;

  if (failed) return <p role="alert">{t('console.loadError')}</p>;
  if (!item) return <Loading />;
  const canReport = me.role === 'reviewer' && item.status === 'assigned';
  return (
    <div>
      <p>
        <Link href="/console/second-opinions">{t('so.back')}</Link>
      </p>
      <h1>{item.patient?.name ?? t('so.deidentified')}</h1>
      <p>
        {t(`so.status.${item.status}` as ConsoleKey)}
        {item.deadline ? ` · ${t('so.due')}: ${date(item.deadline.dueOn)}` : ''}
      </p>
      <section className="card" aria-labelledby="so-question">
        <h2 id="so-question">{t('so.question')}</h2>
        <p data-testid="so-question">{item.question}</p>
      </section>
      {item.summary ? <CaseSummary summary={item.summary} /> : null}
      <CaseScans scans={item.studies} />
      {item.report ? <ReportView report={item.report} /> : null}
      {item.report && me.role === 'reviewer' ? (
        <AddendumForm caseId={item.id} onAdded={load} />
      ) : null}
      {canReport ? (
        <ReportForm
          caseId={item.id}
          fusion={item.summary?.surgery?.fusion ?? false}
          onSubmitted={load}
        />
      ) : null}
      <p className="hint">{t('so.notice')}</p>
    </div>
  );
}

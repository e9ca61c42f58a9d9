import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Me } from '../lib/api.ts';
import { ApiError, api } from '../lib/api.ts';
import { duration, useT } from './i18n.ts';
import {
  ReviewAddendumForm,
  ReviewResultForm,
  ReviewResultView,
  type StaffReview,
} from './imaging-review-result.tsx';
import { RequestImaging } from './RequestImaging.tsx';
import { ClinicHoursEditor } from './requests-hours.tsx';
import { Loading } from './ui-loading.tsx';
import { DataTable } from './ui-table.tsx';

/** The care-manager queue of intake requests (issue 8): every request, urgent first, then the oldest. */

type Kind = 'treatment' | 'imaging_review' | 'insurance' | 'info_kit' | 'callback';
type Status = 'new' | 'in_progress' | 'done' | 'closed';
type Outcome = 'verified' | 'not_covered' | 'needs_information';
const kinds: Kind[] = ['treatment', 'imaging_review', 'insurance', 'info_kit', 'callback'];
const statuses: Status[] = ['new', 'in_progress', 'done', 'closed'];
const outcomes: Outcome[] = ['verified', 'not_covered', 'needs_information'];
// Mirrors the server's transitions (intake/transitions.ts); the server refuses anything else.
const nextStatuses: Record<Status, Status[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['done', 'closed'],
  done: [],
  closed: [],
};

interface RequestRow {
  id: string;
  kind: Kind;
  status: Status;
  urgent: boolean;
  redFlags: { id: string; concern: string; level: string; matched: string[] }[];
  patientId: string | null;
  contact: { name: string; email: string | null; phone: string | null; language: string };
  region: string | null;
  symptoms: string | null;
  details: Record<string, unknown>;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  firstResponseAt: string | null;
  minutesToFirstResponse: number | null;
  insuranceOutcome: { outcome: Outcome; message: string; at: string } | null;
  reviewWrittenAt: string | null;
}
interface Note {
  id: string;
  body: string;
  at: string;
  author: { id: string; name: string };
}
interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

export default function Requests({ me }: { me: Me }) {
  const { t, lang } = useT();
  // A clinician's queue is the free MRI/CT reviews only (the server answers nothing else).
  const reviewsOnly = me.role === 'clinician';
  const [rows, setRows] = useState<RequestRow[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [status, setStatus] = useState<Status | ''>('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [openId, setOpenId] = useState<string | null>(
    new URLSearchParams(location.search).get('open'),
  );

  const load = useCallback(async () => {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (kind) query.set('kind', kind);
    try {
      const answer = await api.get<{ requests: RequestRow[] }>(`/api/requests?${query}`);
      setRows(answer.requests);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [status, kind]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = `${t(reviewsOnly ? 'requests.reviewsTitle' : 'requests.title')} · ${t('console.title')}`;
  }, [t, reviewsOnly]);

  if (openId)
    return (
      <RequestDetail
        me={me}
        id={openId}
        onClose={() => {
          setOpenId(null);
          void load();
        }}
      />
    );

  const now = Date.now();
  return (
    <div>
      <h1>{t(reviewsOnly ? 'requests.reviewsTitle' : 'requests.title')}</h1>
      <p>{t(reviewsOnly ? 'requests.reviewsIntro' : 'requests.intro')}</p>
      <div className="row">
        <label className="field inline">
          <span>{t('requests.filterStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('requests.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`requests.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {reviewsOnly ? null : (
          <label className="field inline">
            <span>{t('requests.filterKind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
              <option value="">{t('requests.all')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`requests.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {!rows && !failed ? <Loading /> : null}
      {rows && rows.length === 0 ? <p>{t('requests.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <DataTable
          testId="requests-table"
          columns={[
            t('requests.kind'),
            t('requests.requester'),
            t('requests.status'),
            t('requests.assignee'),
            t('requests.age'),
            t('requests.firstResponse'),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} data-urgent={r.urgent ? 'true' : undefined}>
              <td>
                {r.urgent ? (
                  <>
                    <strong className="badge overdue">{t('requests.urgent')}</strong>{' '}
                  </>
                ) : null}
                {t(`requests.kind.${r.kind}`)}
                {r.reviewWrittenAt ? ` · ${t('requests.resultWritten')}` : ''}
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={t('requests.open', { name: r.contact.name })}
                  onClick={() => setOpenId(r.id)}
                >
                  {r.contact.name}
                </button>
                {r.patientId ? ` (${t('requests.patient')})` : ''}
              </td>
              <td>{t(`requests.status.${r.status}`)}</td>
              <td>{r.assignee?.name ?? t('requests.team')}</td>
              <td>{duration(now - new Date(r.createdAt).getTime(), lang)}</td>
              <td>
                {r.minutesToFirstResponse === null
                  ? t('requests.noResponse')
                  : duration(r.minutesToFirstResponse * 60_000, lang)}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {me.role === 'admin' ? <ClinicHoursEditor /> : null}
    </div>
  );
}

function RequestDetail({ me, id, onClose }: { me: Me; id: string; onClose(): void }) {
  const { t, lang } = useT();
  // Clinicians write free MRI/CT review results; they do not run the queue (status, assignee, notes).
  const clinician = me.role === 'clinician';
  const [request, setRequest] = useState<RequestRow | null>(null);
  const [review, setReview] = useState<StaffReview | null>(null);
  const [resultSaved, setResultSaved] = useState(false);
  const [notes, setNotes] = useState<Note[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('verified');
  const [message, setMessage] = useState('');
  const [recorded, setRecorded] = useState<Outcome | null>(null);

  useEffect(() => {
    api
      .get<{ request: RequestRow; notes: Note[]; imagingReview: StaffReview | null }>(
        `/api/requests/${id}`,
      )
      .then((answer) => {
        setRequest(answer.request);
        setReview(answer.imagingReview);
        setNotes(answer.notes);
        setAssignee(answer.request.assignee?.id ?? '');
      })
      .catch(() => setFailed(true));
    if (!clinician)
      api
        .get<{ staff: StaffMember[] }>('/api/clinic/staff')
        .then((answer) => setStaff(answer.staff.filter((s) => !s.disabled)))
        .catch(() => setStaff([]));
  }, [id, clinician]);

  async function act(run: () => Promise<void>) {
    setProblem(null);
    try {
      await run();
    } catch (error) {
      setProblem(
        t('requests.saveError', {
          reason: error instanceof ApiError ? error.message : t('console.loadError'),
        }),
      );
    }
  }

  if (failed) return <p role="alert">{t('console.loadError')}</p>;
  if (!request) return <Loading />;
  const d = request.details as Record<string, string | boolean | undefined>;
  const detailRows: [string, string][] = [];
  const add = (label: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '')
      detailRows.push([label, String(value)]);
  };
  if (request.kind === 'insurance') {
    add(t('requests.insurer'), d.insurer);
    add(t('requests.plan'), d.plan);
    add(t('requests.memberId'), d.memberId);
  }
  if (request.kind === 'callback') {
    add(t('requests.urgency'), String(d.urgency ?? '').replaceAll('_', ' '));
    add(t('requests.description'), d.description);
    add(t('requests.bestTime'), d.bestTime);
    if (d.afterHours) add(t('requests.afterHours'), '✓');
  }
  if (request.kind === 'info_kit') add(t('requests.procedure'), d.procedure);
  if (request.kind === 'imaging_review') add(t('requests.imagingNote'), d.imagingNote);

  return (
    <div className="request-detail">
      <p>
        <button type="button" className="link" onClick={onClose}>
          ← {t('requests.close')}
        </button>
      </p>
      <h1>
        {t('requests.detailTitle', {
          kind: t(`requests.kind.${request.kind}`),
          name: request.contact.name,
        })}
      </h1>
      <p>
        {request.urgent ? <strong className="badge overdue">{t('requests.urgent')}</strong> : null}{' '}
        <span data-testid="detail-status">{t(`requests.status.${request.status}`)}</span>
      </p>
      {request.redFlags.length > 0 ? (
        <section className="card warning" aria-labelledby="flags-heading">
          <h2 id="flags-heading">{t('requests.redFlags')}</h2>
          <ul>
            {request.redFlags.map((f) => (
              <li key={f.id}>
                <strong>{f.concern}</strong> ({f.matched.join(', ')})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('requests.contact')}</h2>
        <dl>
          <dt>{t('requests.requester')}</dt>
          <dd>{request.contact.name}</dd>
          {request.contact.email ? (
            <>
              <dt>Email</dt>
              <dd>{request.contact.email}</dd>
            </>
          ) : null}
          {request.contact.phone ? (
            <>
              <dt>Phone</dt>
              <dd>{request.contact.phone}</dd>
            </>
          ) : null}
          <dt>{t('requests.language')}</dt>
          <dd>{request.contact.language}</dd>
          {request.region ? (
            <>
              <dt>{t('requests.region')}</dt>
              <dd>{request.region}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {request.symptoms ? (
        <section className="card" aria-labelledby="symptoms-heading">
          <h2 id="symptoms-heading">{t('requests.symptoms')}</h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{request.symptoms}</p>
        </section>
      ) : null}
      {detailRows.length > 0 ? (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">{t('requests.details')}</h2>
          <dl>
            {detailRows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {request.kind === 'imaging_review' || request.kind === 'treatment' ? (
        <RequestImaging requestId={request.id} />
      ) : null}

      {request.kind === 'imaging_review' ? (
        review ? (
          <>
            <ReviewResultView review={review} language={request.contact.language as 'en' | 'es'} />
            {resultSaved ? <p role="status">{t('requests.resultSaved')}</p> : null}
            {clinician ? <ReviewAddendumForm requestId={request.id} onAdded={setReview} /> : null}
          </>
        ) : clinician && request.status !== 'closed' ? (
          <ReviewResultForm
            requestId={request.id}
            language={request.contact.language as 'en' | 'es'}
            onSaved={(saved) => {
              setReview(saved);
              setResultSaved(true);
              setRequest({ ...request, status: 'done', reviewWrittenAt: saved.writtenAt });
            }}
          />
        ) : (
          <section className="card" aria-labelledby="result-heading">
            <h2 id="result-heading">{t('requests.result')}</h2>
            <p>{t('requests.resultWaiting')}</p>
          </section>
        )
      ) : null}

      {problem ? <p role="alert">{problem}</p> : null}
      {!clinician && nextStatuses[request.status].length > 0 ? (
        <section className="card" aria-labelledby="move-heading">
          <h2 id="move-heading">{t('requests.moveTo')}</h2>
          <div className="row">
            {nextStatuses[request.status].map((s) => (
              <button
                key={s}
                type="button"
                className="secondary"
                onClick={() =>
                  act(async () => {
                    const answer = await api.post<{ request: RequestRow }>(
                      `/api/requests/${id}/status`,
                      { status: s },
                    );
                    setRequest(answer.request);
                  })
                }
              >
                {t('requests.markAs', { status: t(`requests.status.${s}`) })}
              </button>
            ))}
          </div>
        </section>
      ) : null}

      {clinician ? null : (
        <section className="card" aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('requests.assignee')}</h2>
          <form
            className="row"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void act(async () => {
                const answer = await api.post<{ request: RequestRow }>(
                  `/api/requests/${id}/assign`,
                  {
                    userId: assignee || null,
                  },
                );
                setRequest(answer.request);
              });
            }}
          >
            <label className="field inline">
              <span>{t('requests.assignTo')}</span>
              <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">{t('requests.team')}</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="secondary">
              {t('requests.assign')}
            </button>
          </form>
        </section>
      )}

      {request.kind === 'insurance' ? (
        <section className="card" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t('requests.outcome')}</h2>
          {request.insuranceOutcome ? (
            <p data-testid="recorded-outcome">
              <strong>{t(`requests.outcome.${request.insuranceOutcome.outcome}`)}</strong>:{' '}
              {request.insuranceOutcome.message}
            </p>
          ) : null}
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void act(async () => {
                const answer = await api.post<{ request: RequestRow }>(
                  `/api/requests/${id}/insurance-outcome`,
                  { outcome, message: message.trim() },
                );
                setRequest(answer.request);
                setRecorded(outcome);
                setMessage('');
              });
            }}
          >
            <label className="field">
              <span>{t('requests.outcome')}</span>
              <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
                {outcomes.map((o) => (
                  <option key={o} value={o}>
                    {t(`requests.outcome.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('requests.outcomeMessage')}</span>
              <textarea rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
            </label>
            <button type="submit" className="primary">
              {t('requests.recordOutcome')}
            </button>
            {recorded ? (
              <p role="status">
                {t('requests.outcomeRecorded', { outcome: t(`requests.outcome.${recorded}`) })}
              </p>
            ) : null}
          </form>
        </section>
      ) : null}

      {clinician ? null : (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t('requests.notes')}</h2>
          {notes.length === 0 ? <p>{t('requests.noNotes')}</p> : null}
          <ul>
            {notes.map((n) => (
              <li key={n.id}>
                <strong>{n.author.name}</strong>{' '}
                {new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
                  new Date(n.at),
                )}
                : {n.body}
              </li>
            ))}
          </ul>
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (!note.trim()) return;
              void act(async () => {
                const answer = await api.post<{ notes: Note[] }>(`/api/requests/${id}/notes`, {
                  body: note.trim(),
                });
                setNotes(answer.notes);
                setNote('');
              });
            }}
          >
            <label className="field">
              <span>{t('requests.addNote')}</span>
              <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="submit" className="secondary">
              {t('requests.saveNote')}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}

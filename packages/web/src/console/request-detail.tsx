import type {
  RequestChanged,
  RequestDetail as RequestDetailAnswer,
  RequestNoteAdded,
  StaffReview,
} from '@lamina/contract';
import { type FormEvent, useEffect, useState } from 'react';
import type { Me } from '../lib/api.ts';
import { ApiError, api } from '../lib/api.ts';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useT } from './i18n.ts';
import {
  ReviewAddendumForm,
  ReviewResultForm,
  ReviewResultView,
} from './imaging-review-result.tsx';
import { RequestImaging } from './RequestImaging.tsx';
import {
  type Note,
  nextStatuses,
  type Outcome,
  outcomes,
  type RequestRow,
  type StaffMember,
} from './request-types.ts';
import { Loading } from './ui-loading.tsx';

/** Runs a save; a refusal is shown once, above the actions. */
type Act = (run: () => Promise<void>) => Promise<void>;

/** What an action on the request gets: the request, the save runner, and where the answer goes. */
interface ActionProps {
  request: RequestRow;
  act: Act;
  onRequest(request: RequestRow): void;
}

/** One intake request opened from the queue: what was asked, and what the team does with it. */
export function RequestDetail({ me, id, onClose }: { me: Me; id: string; onClose(): void }) {
  const { t } = useT();
  // Clinicians write free MRI/CT review results; they do not run the queue (status, assignee, notes).
  const clinician = me.role === 'clinician';
  const [request, setRequest] = useState<RequestRow | null>(null);
  const [review, setReview] = useState<StaffReview | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<RequestDetailAnswer>(`/api/requests/${id}`)
      .then((answer) => {
        setRequest(answer.request);
        setReview(answer.imagingReview);
        setNotes(answer.notes);
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

  return (
    <div className="request-detail">
      <p>
        <button type="button" className="link" onClick={onClose}>
          ← {t('requests.close')}
        </button>
      </p>
      <RequestSummary request={request} />

      {request.kind === 'imaging_review' || request.kind === 'treatment' ? (
        <RequestImaging requestId={request.id} />
      ) : null}

      {request.kind === 'imaging_review' ? (
        <ImagingReview
          request={request}
          review={review}
          clinician={clinician}
          onReview={setReview}
          onRequest={setRequest}
        />
      ) : null}

      {problem ? <p role="alert">{problem}</p> : null}
      {!clinician && nextStatuses[request.status].length > 0 ? (
        <StatusActions request={request} act={act} onRequest={setRequest} />
      ) : null}

      {clinician ? null : (
        <AssignForm request={request} staff={staff} act={act} onRequest={setRequest} />
      )}

      {request.kind === 'insurance' ? (
        <InsuranceOutcome request={request} act={act} onRequest={setRequest} />
      ) : null}

      {clinician ? null : <RequestNotes id={id} notes={notes} act={act} onNotes={setNotes} />}
    </div>
  );
}

/** Who asked, for what, the red flags in it and the details they gave. */
function RequestSummary({ request }: { request: RequestRow }) {
  const { t } = useT();
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
    <>
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
              <dt>{t('requests.email')}</dt>
              <dd>{request.contact.email}</dd>
            </>
          ) : null}
          {request.contact.phone ? (
            <>
              <dt>{t('requests.phone')}</dt>
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
    </>
  );
}

/** The free MRI/CT review: the written result, or the form a clinician writes it in. */
function ImagingReview({
  request,
  review,
  clinician,
  onReview,
  onRequest,
}: {
  request: RequestRow;
  review: StaffReview | null;
  clinician: boolean;
  onReview(review: StaffReview): void;
  onRequest(request: RequestRow): void;
}) {
  const { t } = useT();
  const [resultSaved, setResultSaved] = useState(false);
  const setReview = onReview;
  const setRequest = onRequest;
  return review ? (
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
  );
}

/** The statuses this request may move to next. */
function StatusActions({ request, act, onRequest }: ActionProps) {
  const { t } = useT();
  const id = request.id;
  const setRequest = onRequest;
  return (
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
                const answer = await api.post<RequestChanged>(`/api/requests/${id}/status`, {
                  status: s,
                });
                setRequest(answer.request);
              })
            }
          >
            {t('requests.markAs', { status: t(`requests.status.${s}`) })}
          </button>
        ))}
      </div>
    </section>
  );
}

/** Who on the team has the request. */
function AssignForm({ request, staff, act, onRequest }: ActionProps & { staff: StaffMember[] }) {
  const { t } = useT();
  const id = request.id;
  const setRequest = onRequest;
  const [assignee, setAssignee] = useState(request.assignee?.id ?? '');
  return (
    <section className="card" aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t('requests.assignee')}</h2>
      <form
        className="row"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void act(async () => {
            const answer = await api.post<RequestChanged>(`/api/requests/${id}/assign`, {
              userId: assignee || null,
            });
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
  );
}

/** An insurance check's outcome, recorded with the message the requester gets. */
function InsuranceOutcome({ request, act, onRequest }: ActionProps) {
  const { t } = useT();
  const id = request.id;
  const setRequest = onRequest;
  const [outcome, setOutcome] = useState<Outcome>('verified');
  const [message, setMessage] = useState('');
  const [recorded, setRecorded] = useState<Outcome | null>(null);
  return (
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
            const answer = await api.post<RequestChanged>(`/api/requests/${id}/insurance-outcome`, {
              outcome,
              message: message.trim(),
            });
            setRequest(answer.request);
            setRecorded(outcome);
            setMessage('');
          });
        }}
      >
        <SelectField
          label={t('requests.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v as Outcome)}
          values={outcomes}
          optionLabel={(o) => t(`requests.outcome.${o}`)}
        />
        <TextField
          label={t('requests.outcomeMessage')}
          rows={3}
          value={message}
          onChange={setMessage}
        />
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
  );
}

/** The team's notes on the request, newest last, and a form to add one. */
function RequestNotes({
  id,
  notes,
  act,
  onNotes,
}: {
  id: string;
  notes: Note[];
  act: Act;
  onNotes(notes: Note[]): void;
}) {
  const { t, lang } = useT();
  const setNotes = onNotes;
  const [note, setNote] = useState('');
  return (
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
            const answer = await api.post<RequestNoteAdded>(`/api/requests/${id}/notes`, {
              body: note.trim(),
            });
            setNotes(answer.notes);
            setNote('');
          });
        }}
      >
        <TextField label={t('requests.addNote')} rows={2} value={note} onChange={setNote} />
        <button type="submit" className="secondary">
          {t('requests.saveNote')}
        </button>
      </form>
    </section>
  );
}

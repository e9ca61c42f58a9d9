import type { SecondOpinionCase } from '@lamina/contract';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, api } from '../../lib/api.ts';
import type { PatientContext } from '../../lib/patient-context.ts';
import { ErrorNote } from '../../ui/Form.tsx';
import { Stmt } from '../../ui/Statement.tsx';
import { CaseScans, ScanPicker, type ScanView, useOwnScans } from './scans.tsx';

export type PatientCase = SecondOpinionCase;

/** The patient's virtual second opinion (seed:000): ask, follow the status and deadline, read the answer. */
export default function SecondOpinion({ ctx }: { ctx: PatientContext }) {
  const { t, date } = useI18n();
  const [cases, setCases] = useState<PatientCase[] | null>(null);
  const [open, setOpen] = useState<PatientCase | null>(null);
  const [failed, setFailed] = useState(false);
  const ownScans = useOwnScans(ctx.me.patientId);

  const load = useCallback(async () => {
    try {
      const listed = await api.get<{ cases: PatientCase[] }>('/api/second-opinions');
      setCases(listed.cases);
      setFailed(false);
      // The newest answered case opens by itself: that is what the patient came for.
      const answered = listed.cases.find((c) => c.status === 'reported');
      if (answered)
        setOpen((await api.get<{ case: PatientCase }>(`/api/second-opinions/${answered.id}`)).case);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="screen second-opinion">
      <h1>{t('so.title')}</h1>
      <p className="lead">{t('so.intro')}</p>
      {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
      {open?.report ? <Report item={open} ctx={ctx} /> : null}
      <section className="card" aria-labelledby="so-mine">
        <h2 id="so-mine">{t('so.mine')}</h2>
        {cases && cases.length === 0 ? <p>{t('so.none')}</p> : null}
        <ul className="so-cases">
          {(cases ?? []).map((c) => (
            <li key={c.id} data-testid="so-case">
              <p>
                <strong>{t(`so.status.${c.status}` as MessageKey)}</strong>
              </p>
              {c.createdAt ? (
                <p className="hint">{t('so.asked', { date: date(c.createdAt.slice(0, 10)) })}</p>
              ) : null}
              <p>{c.question}</p>
              {c.deadline && c.status === 'assigned' ? (
                <p data-testid="so-expected">
                  {t('so.expectedBy', { date: date(c.deadline.dueOn) })}
                </p>
              ) : null}
              {c.deadline?.overdue ? <p className="notice-box">{t('so.late')}</p> : null}
              {c.status === 'withdrawn' ? null : (
                <CaseScans
                  key={c.studies.map((s) => s.id).join()}
                  caseId={c.id}
                  attached={c.studies}
                  editable={c.status === 'requested' || c.status === 'assigned'}
                  ownScans={ownScans}
                  onSaved={load}
                />
              )}
              {c.status === 'reported' && open?.id !== c.id ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={async () =>
                    setOpen(
                      (await api.get<{ case: PatientCase }>(`/api/second-opinions/${c.id}`)).case,
                    )
                  }
                >
                  {t('so.open')}
                </button>
              ) : null}
              {c.status === 'requested' || c.status === 'assigned' ? (
                <button
                  type="button"
                  className="link"
                  onClick={async () => {
                    await api.post(`/api/second-opinions/${c.id}/withdraw`, {});
                    await load();
                  }}
                >
                  {t('so.withdraw')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <Ask onAsked={load} ownScans={ownScans} />
    </div>
  );
}

function Ask({ onAsked, ownScans }: { onAsked(): Promise<void>; ownScans: ScanView[] | null }) {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [share, setShare] = useState(false);
  const [studyIds, setStudyIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/second-opinions', { question, shareIdentity: share, studyIds });
      setQuestion('');
      setStudyIds([]);
      setSent(true);
      await onAsked();
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t('so.sendError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="so-ask">
      <h2 id="so-ask">{t('so.askTitle')}</h2>
      <label className="field">
        <span>{t('so.question')}</span>
        <textarea
          rows={4}
          maxLength={4000}
          value={question}
          aria-describedby="so-question-hint"
          onChange={(e) => setQuestion(e.target.value)}
        />
      </label>
      <p className="hint" id="so-question-hint">
        {t('so.questionHint')}
      </p>
      <p className="hint">{t('so.whatWeAdd')}</p>
      <ScanPicker scans={ownScans} chosen={studyIds} onChange={setStudyIds} />
      <fieldset className="field">
        <legend>{t('so.share')}</legend>
        <label>
          <input type="radio" name="so-share" checked={!share} onChange={() => setShare(false)} />{' '}
          {t('so.shareNo')}
        </label>
        <p className="hint">{t('so.shareNoHint')}</p>
        <label>
          <input type="radio" name="so-share" checked={share} onChange={() => setShare(true)} />{' '}
          {t('so.shareYes')}
        </label>
      </fieldset>
      <ErrorNote error={error} />
      {sent ? (
        <p className="banner sent" role="status">
          {t('so.sent')}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('so.sending') : t('so.send')}
      </button>
    </form>
  );
}

function Report({ item, ctx }: { item: PatientCase; ctx: PatientContext }) {
  const { t, date } = useI18n();
  const report = item.report;
  if (!report) return null;
  const clinic = ctx.me.clinic;
  return (
    <section
      className={report.guidance.urgent ? 'card level urgent' : 'card'}
      aria-labelledby="so-report"
      data-testid="so-report"
    >
      <h2 id="so-report">{t('so.reportTitle')}</h2>
      <h3>{t('so.recommendation')}</h3>
      <p>
        <strong>{t(`so.rec.${report.recommendation}` as MessageKey)}</strong>
      </p>
      <Stmt s={report.guidance.meaning} />
      <h3>{t('so.doNow')}</h3>
      <Stmt s={report.guidance.doNow} />
      {report.guidance.urgent && clinic ? (
        <p>
          {clinic.phone ? (
            <a className="button primary" href={`tel:${clinic.phone}`}>
              {t('so.callClinic', { phone: clinic.phone })}
            </a>
          ) : null}{' '}
          <a className="button secondary" href={`tel:${clinic.emergencyNumber}`}>
            {t('so.callEmergency', { number: clinic.emergencyNumber })}
          </a>
        </p>
      ) : null}
      <h3>{t('so.summaryForYou')}</h3>
      <p data-testid="so-patient-summary">{report.patientSummary}</p>
      {report.addenda.map((a) => (
        <p key={a.at} data-testid="so-addendum">
          <strong>{t('so.addendum', { date: date(a.at.slice(0, 10)) })}</strong> {a.text}
        </p>
      ))}
      <details>
        <summary>{t('so.details')}</summary>
        <dl>
          <dt>{t('so.decompression')}</dt>
          <dd>{t(`so.answer.${report.decompressionAdequate}` as MessageKey)}</dd>
          <dt>{t('so.fusion')}</dt>
          <dd>{t(`so.answer.${report.fusionForming}` as MessageKey)}</dd>
        </dl>
        {report.concerns ? <p>{report.concerns}</p> : null}
      </details>
      <Stmt s={item.notice} className="notice" />
    </section>
  );
}

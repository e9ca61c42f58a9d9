import type { PatientDetail } from '@lamina/contract';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../lib/api.ts';
import { useT } from './i18n.ts';

type Current = NonNullable<PatientDetail['surgery']>;

/** Correct the surgery on the patient page (issue 15): the plan follows; earlier check-ins stay. */
export function SurgeryCorrection({
  patientId,
  current,
  onSaved,
}: {
  patientId: string;
  current: Current;
  onSaved(): Promise<void> | void;
}) {
  const { t } = useT();
  const s = current.surgery;
  const cancelled = Boolean(current.cancelledAt);
  const [surgeryDate, setSurgeryDate] = useState<string>(s.surgeryDate);
  const [procedure, setProcedure] = useState<string>(s.procedure);
  const [fusion, setFusion] = useState(Boolean(s.fusion));
  const [cancel, setCancel] = useState(cancelled);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    const changes: Record<string, unknown> = {};
    if (surgeryDate !== s.surgeryDate) changes.surgeryDate = surgeryDate;
    if (procedure !== s.procedure) changes.procedure = procedure;
    if (fusion !== Boolean(s.fusion)) changes.fusion = fusion;
    if (cancel !== cancelled) changes.cancelled = cancel;
    if (reason.trim()) changes.reason = reason.trim();
    try {
      await api.post(`/api/patients/${patientId}/surgery/corrections`, changes);
      setMessage(t('fix.saved'));
      await onSaved();
    } catch (e) {
      if (e instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of e.fields) byField[f.field] ??= f.message;
        setErrors(byField);
        setMessage(e.fields.length > 0 ? e.fields.map((f) => f.message).join(' ') : e.message);
      } else setMessage(t('console.loadError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" id="surgery" onSubmit={submit} aria-labelledby="fix-h">
      <h2 id="fix-h">{t('fix.title')}</h2>
      <p className="hint">{t('fix.intro')}</p>
      {cancelled ? (
        <p className="error" data-testid="surgery-cancelled">
          {t('fix.cancelled')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="fix-date">{t('enrol.surgeryDate')}</label>
        <input
          id="fix-date"
          type="date"
          value={surgeryDate}
          onChange={(e) => setSurgeryDate(e.target.value)}
          {...(errors.surgeryDate
            ? { 'aria-invalid': true as const, 'aria-describedby': 'fix-date-error' }
            : {})}
        />
        {errors.surgeryDate ? (
          <p className="error" id="fix-date-error">
            {errors.surgeryDate}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="fix-procedure">{t('enrol.procedure')}</label>
        <select id="fix-procedure" value={procedure} onChange={(e) => setProcedure(e.target.value)}>
          <option value="laminotomy">{t('procedure.laminotomy')}</option>
          <option value="laminectomy">{t('procedure.laminectomy')}</option>
          <option value="microlaminectomy">{t('procedure.microlaminectomy')}</option>
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={fusion} onChange={(e) => setFusion(e.target.checked)} />{' '}
        {t('enrol.fusion')}
      </label>
      <label className="check">
        <input type="checkbox" checked={cancel} onChange={(e) => setCancel(e.target.checked)} />{' '}
        {t('fix.cancel')}
      </label>
      <div className="field">
        <label htmlFor="fix-reason">{t('fix.reason')}</label>
        <input
          id="fix-reason"
          type="text"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <p className="actions">
        <button type="submit" disabled={busy}>
          {t('fix.save')}
        </button>
      </p>
      {message ? (
        <p role="status" data-testid="fix-message">
          {message}
        </p>
      ) : null}
    </form>
  );
}

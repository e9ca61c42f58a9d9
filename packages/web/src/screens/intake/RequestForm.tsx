import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError, api, type Me } from '../../lib/api.ts';
import { navigate } from '../../lib/router.tsx';
import { Choice } from '../../ui/Choice.tsx';
import { Submit } from '../../ui/Form.tsx';
import { Sources } from '../../ui/Statement.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { Created, RequestKind } from './intake-api.ts';

type Region = 'lumbar' | 'cervical';
type Procedure = 'laminectomy' | 'laminotomy' | 'microlaminectomy';
type Urgency = 'as_soon_as_possible' | 'today' | 'this_week';

/**
 * One request form for every kind, for a visitor (with contact details) or a signed-in patient
 * (the clinic already knows how to reach them). Red-flag words in the answer put the emergency
 * instruction on screen before anything else.
 */
export function RequestForm({
  kind,
  clinicSlug,
  assessmentId,
  me,
}: {
  kind: RequestKind;
  clinicSlug: string;
  assessmentId: string | undefined;
  me: Me | null;
}) {
  const { t, lang } = useI18n();
  const patientId = me?.patientId ?? null;
  const clinicName = me?.clinic?.name ?? t('intake.clinicFallback');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState<Region | 'unsure' | undefined>(undefined);
  const [symptoms, setSymptoms] = useState('');
  const [imagingNote, setImagingNote] = useState('');
  const [insurer, setInsurer] = useState('');
  const [plan, setPlan] = useState('');
  const [memberId, setMemberId] = useState('');
  const [procedure, setProcedure] = useState<Procedure>('laminectomy');
  const [urgency, setUrgency] = useState<Urgency | undefined>(undefined);
  const [description, setDescription] = useState('');
  const [bestTime, setBestTime] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  useEffect(() => {
    document.title = `${t(`intake.kind.${kind}`)} · Lamina`;
  }, [kind, t]);

  function body() {
    const chosenRegion = region === 'lumbar' || region === 'cervical' ? region : undefined;
    return {
      kind,
      language: lang,
      consent: true,
      ...(patientId
        ? phone.trim()
          ? { contact: { phone: phone.trim() } }
          : {}
        : {
            contact: {
              name: name.trim(),
              ...(email.trim() ? { email: email.trim() } : {}),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
            },
          }),
      ...(chosenRegion && kind !== 'info_kit' ? { region: chosenRegion } : {}),
      ...(symptoms.trim() ? { symptoms: symptoms.trim() } : {}),
      ...(assessmentId ? { assessmentId } : {}),
      ...(kind === 'imaging_review' && imagingNote.trim()
        ? { imagingNote: imagingNote.trim() }
        : {}),
      ...(kind === 'insurance'
        ? { insurance: { insurer: insurer.trim(), plan: plan.trim(), memberId: memberId.trim() } }
        : {}),
      ...(kind === 'info_kit' ? { infoKit: { region: chosenRegion ?? 'lumbar', procedure } } : {}),
      ...(kind === 'callback'
        ? {
            callback: {
              urgency,
              description: description.trim(),
              ...(bestTime.trim() ? { bestTime: bestTime.trim() } : {}),
            },
          }
        : {}),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!patientId && (!name.trim() || (!email.trim() && !phone.trim()))) {
      setError(t('intake.contactMissing'));
      return;
    }
    if (!consent) {
      setError(t('intake.consentMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const path = patientId
        ? `/api/patients/${patientId}/requests`
        : `/api/public/${encodeURIComponent(clinicSlug)}/requests`;
      const answer = await api.post<Created>(path, body());
      if (answer.emergencyInstruction) {
        setCreated(answer);
        window.scrollTo(0, 0);
      } else navigate(`${answer.statusPath}#token=${answer.token}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
        setError(t('intake.fieldsMissing'));
      } else
        setError(
          !(e instanceof ApiError)
            ? t('app.needsConnection')
            : e.status === 404
              ? t('intake.clinicNotFound')
              : e.status === 429
                ? t('intake.tooMany')
                : t('intake.sendError'),
        );
    } finally {
      setBusy(false);
    }
  }

  if (created?.emergencyInstruction) {
    const instruction = created.emergencyInstruction;
    const number =
      instruction.level === 'urgent' && created.clinic.phone
        ? created.clinic.phone
        : created.clinic.emergencyNumber;
    return (
      <div className="screen candidacy-result emergency" data-testid="intake-emergency">
        <h1>{t('intake.emergencyTitle')}</h1>
        <a className="call" href={`tel:${number.replace(/[^0-9+]/g, '')}`}>
          {t('intake.call', { number })}
        </a>
        <div className="stmt headline">
          <p>{instruction.text}</p>
          <Sources sources={instruction.sources} />
        </div>
        <p className="on-dark">{t('intake.savedAnyway')}</p>
        <p>
          <a className="on-dark" href={`${created.statusPath}#token=${created.token}`}>
            {t('intake.toStatus')}
          </a>
        </p>
      </div>
    );
  }

  const invalid = (field: string) => fieldErrors[field];
  const fieldNote = (field: string) =>
    invalid(field) ? (
      <span className="error" id={`err-${field}`}>
        {invalid(field)}
      </span>
    ) : null;

  return (
    <form className="screen intake-form" onSubmit={submit} noValidate>
      <h1>{t(`intake.kind.${kind}`)}</h1>
      <p>{t(`intake.about.${kind}`)}</p>
      {assessmentId ? <p className="hint">{t('intake.fromCheck')}</p> : null}

      {patientId ? null : (
        <fieldset className="card">
          <legend>{t('intake.contactHint')}</legend>
          {(
            [
              ['name', name, setName, 'text', 'name'],
              ['email', email, setEmail, 'email', 'email'],
              ['phone', phone, setPhone, 'tel', 'tel'],
            ] as const
          ).map(([field, value, onChange, type, autoComplete]) => (
            <TextField
              key={field}
              label={t(`intake.${field}`)}
              value={value}
              onChange={onChange}
              type={type}
              autoComplete={autoComplete}
              error={invalid(`contact.${field}`)}
              errorId={`err-contact.${field}`}
            />
          ))}
        </fieldset>
      )}

      {assessmentId && kind !== 'info_kit' ? null : (
        <Choice<Region | 'unsure'>
          legend={t('intake.region')}
          options={[
            { value: 'lumbar', label: t('intake.region.lumbar') },
            { value: 'cervical', label: t('intake.region.cervical') },
            ...(kind === 'info_kit'
              ? []
              : [{ value: 'unsure' as const, label: t('intake.region.unsure') }]),
          ]}
          value={region}
          onChange={setRegion}
        />
      )}

      {kind === 'info_kit' ? (
        <>
          <label className="field">
            <span>{t('intake.procedure')}</span>
            <select value={procedure} onChange={(e) => setProcedure(e.target.value as Procedure)}>
              <option value="laminectomy">{t('intake.procedure.laminectomy')}</option>
              <option value="laminotomy">{t('intake.procedure.laminotomy')}</option>
              <option value="microlaminectomy">{t('intake.procedure.microlaminectomy')}</option>
            </select>
          </label>
          <p className="hint">{t('intake.kitLanguage')}</p>
        </>
      ) : null}

      {kind === 'insurance' ? (
        <fieldset className="card">
          <legend>{t('intake.kind.insurance')}</legend>
          {(
            [
              ['insurer', insurer, setInsurer],
              ['plan', plan, setPlan],
              ['memberId', memberId, setMemberId],
            ] as const
          ).map(([field, value, onChange]) => (
            <TextField
              key={field}
              label={t(`intake.${field}`)}
              value={value}
              onChange={onChange}
              error={invalid(`insurance.${field}`)}
              errorId={`err-insurance.${field}`}
            />
          ))}
        </fieldset>
      ) : null}

      {kind === 'callback' ? (
        <>
          <Choice<Urgency>
            legend={t('intake.urgency')}
            options={[
              { value: 'as_soon_as_possible', label: t('intake.urgency.as_soon_as_possible') },
              { value: 'today', label: t('intake.urgency.today') },
              { value: 'this_week', label: t('intake.urgency.this_week') },
            ]}
            value={urgency}
            onChange={setUrgency}
          />
          {fieldNote('callback.urgency')}
          <TextField
            label={t('intake.description')}
            value={description}
            onChange={setDescription}
            rows={4}
            error={invalid('callback.description')}
            errorId="err-callback.description"
          />
          <TextField label={t('intake.bestTime')} value={bestTime} onChange={setBestTime} />
          {patientId ? (
            <TextField
              label={t('intake.phone')}
              value={phone}
              onChange={setPhone}
              type="tel"
              autoComplete="tel"
            />
          ) : null}
        </>
      ) : null}

      {kind === 'treatment' || kind === 'imaging_review' ? (
        <TextField label={t('intake.symptoms')} value={symptoms} onChange={setSymptoms} rows={4} />
      ) : null}
      {kind === 'imaging_review' ? (
        <>
          <TextField
            label={t('intake.imagingNote')}
            value={imagingNote}
            onChange={setImagingNote}
          />
          <p className="hint">{t('intake.imagingLater')}</p>
        </>
      ) : null}

      <label className="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t('intake.consent', { clinic: clinicName })}</span>
      </label>
      <Submit
        error={error}
        busy={busy}
        className="primary big"
        label={busy ? t('intake.sending') : t('intake.send')}
      />
      <p className="disclaimer">{t('intake.notADiagnosis')}</p>
    </form>
  );
}

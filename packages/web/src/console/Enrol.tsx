import type { Enrolled } from '@lamina/contract';
import {
  addDays,
  type IsoDate,
  type PatientFactors,
  type PlanOverrides,
  patientFactorsSchema,
  plan,
  type RecoveryPlan,
  surgerySchema,
} from '@lamina/pathway';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { ConsoleKey } from '../i18n/console.en.ts';
import { ApiError, api } from '../lib/api.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useT } from './i18n.ts';
import { type LiftMode, RestrictionFields, type RestrictionInput } from './restriction-fields.tsx';
import { RestrictionLifts } from './ui-badge.tsx';

interface StaffMember {
  id: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

type Tri = '' | 'yes' | 'no';
const factorKeys = ['smoker', 'diabetesOrNeuropathy', 'preopWeakness', 'preopBladder'] as const;

interface Form {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  language: 'en' | 'es';
  mrn: string;
  region: string;
  procedure: string;
  approach: string;
  levels: string;
  fusion: boolean;
  surgeryDate: string;
  surgeonId: string;
  factors: Record<(typeof factorKeys)[number], Tri>;
  jobDemand: string;
}

const empty: Form = {
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  email: '',
  phone: '',
  language: 'en',
  mrn: '',
  region: '',
  procedure: '',
  approach: 'open',
  levels: '1',
  fusion: false,
  surgeryDate: '',
  surgeonId: '',
  factors: { smoker: '', diabetesOrNeuropathy: '', preopWeakness: '', preopBladder: '' },
  jobDemand: '',
};

function factorsOf(form: Form): PatientFactors {
  const factors: Record<string, unknown> = {};
  for (const key of factorKeys) if (form.factors[key]) factors[key] = form.factors[key] === 'yes';
  if (form.jobDemand) factors.jobDemand = form.jobDemand;
  return patientFactorsSchema.parse(factors);
}

function surgeryOf(form: Form) {
  return {
    region: form.region,
    procedure: form.procedure,
    approach: form.approach,
    fusion: form.fusion,
    levels: Number(form.levels),
    surgeryDate: form.surgeryDate,
  };
}

/** The optional surgeon overrides as typed: per restriction and per follow-up of the protocol. */
interface OverridesForm {
  restrictions: Record<string, RestrictionInput>;
  followUps: Record<string, string>;
}
const noOverrides: OverridesForm = { restrictions: {}, followUps: {} };

/** The protocol's plan for the form's surgery, or null while the surgery is incomplete. */
function protocolPlan(form: Form): RecoveryPlan | null {
  const surgery = surgerySchema.safeParse(surgeryOf(form));
  if (!surgery.success) return null;
  return plan(surgery.data, factorsOf(form), surgery.data.surgeryDate);
}

/** Only what the surgeon changed, and only for items of the current protocol (it changes with the surgery). */
function overridesOf(typed: OverridesForm, base: RecoveryPlan | null): PlanOverrides {
  const result: PlanOverrides = { restrictions: {}, milestones: {}, followUps: {} };
  if (!base) return result;
  for (const r of base.restrictions) {
    const f = typed.restrictions[r.id];
    if (!f) continue;
    const entry: PlanOverrides['restrictions'][string] = {};
    if (f.maxLoadLb.trim()) entry.maxLoadLb = Number(f.maxLoadLb);
    if (f.mode === 'weeks' && f.weeks.trim()) entry.lifts = { weeks: Number(f.weeks) };
    if (f.mode === 'when-cleared' || f.mode === 'lifted') entry.lifts = f.mode;
    if (Object.keys(entry).length > 0) result.restrictions[r.id] = entry;
  }
  for (const fu of base.followUps) {
    const date = typed.followUps[fu.id];
    if (date) result.followUps[fu.id] = { date: date as IsoDate };
  }
  return result;
}

const anyOverride = (o: PlanOverrides) =>
  Object.keys(o.restrictions).length + Object.keys(o.followUps).length > 0;

/** The request body: empty optional fields are left out, so the server reports only what is wrong. */
function bodyOf(form: Form, overrides: PlanOverrides) {
  return {
    givenName: form.givenName,
    familyName: form.familyName,
    ...(form.dateOfBirth ? { dateOfBirth: form.dateOfBirth } : {}),
    ...(form.email.trim() ? { email: form.email } : {}),
    ...(form.phone.trim() ? { phone: form.phone } : {}),
    language: form.language,
    ...(form.mrn.trim() ? { mrn: form.mrn } : {}),
    surgery: surgeryOf(form),
    ...(form.surgeonId ? { surgeonId: form.surgeonId } : {}),
    factors: factorsOf(form),
    ...(anyOverride(overrides) ? { overrides } : {}),
  };
}

/** Enrol one patient (issue 15): field errors beside each field, a preview of the plan before saving. */
export default function Enrol() {
  const { t, date } = useT();
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const [preview, setPreview] = useState<RecoveryPlan | 'incomplete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [surgeons, setSurgeons] = useState<StaffMember[]>([]);
  const [typedOverrides, setTypedOverrides] = useState<OverridesForm>(noOverrides);
  const base = useMemo(() => {
    try {
      return protocolPlan(form);
    } catch {
      return null;
    }
  }, [form]);
  const overrides = overridesOf(typedOverrides, base);

  useEffect(() => {
    api
      .get<{ staff: StaffMember[] }>('/api/clinic/staff')
      .then((r) => setSurgeons(r.staff.filter((s) => s.role === 'clinician' && !s.disabled)))
      .catch(() => setSurgeons([]));
  }, []);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setPreview(null);
  };

  function showPreview() {
    const surgery = surgerySchema.safeParse(surgeryOf(form));
    if (!surgery.success) {
      setPreview('incomplete');
      return;
    }
    // The same plan() the server runs, on the form's values and the surgeon's overrides, seen
    // from the first day after surgery.
    try {
      setPreview(plan(surgery.data, factorsOf(form), surgery.data.surgeryDate, overrides));
    } catch {
      setPreview('incomplete');
    }
  }

  const setRestriction = (id: string, patch: Partial<OverridesForm['restrictions'][string]>) => {
    setTypedOverrides((o) => ({
      ...o,
      restrictions: {
        ...o.restrictions,
        [id]: {
          ...(o.restrictions[id] ?? { maxLoadLb: '', mode: 'protocol', weeks: '' }),
          ...patch,
        },
      },
    }));
    setPreview(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    setExisting(null);
    try {
      const created = await api.post<Enrolled>('/api/patients', bodyOf(form, overrides));
      navigate(`/console/patients/${created.patientId}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.existingPatientId) {
        setExisting(error.existingPatientId);
        setMessage(error.message);
      } else if (error instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of error.fields) byField[f.field] ??= f.message;
        setErrors(byField);
        setMessage(Object.keys(byField).length > 0 ? t('enrol.fixErrors') : error.message);
      } else setMessage(t('console.loadError'));
    } finally {
      setBusy(false);
    }
  }

  const field = (
    name: string,
    label: ConsoleKey,
    control: (props: {
      id: string;
      'aria-invalid'?: true;
      'aria-describedby'?: string;
    }) => ReactNode,
    hint?: ConsoleKey,
  ) => {
    const id = `enrol-${name.replace('.', '-')}`;
    const describedBy = [errors[name] ? `${id}-error` : '', hint ? `${id}-hint` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>{t(label)}</label>
        {control({
          id,
          ...(errors[name] ? { 'aria-invalid': true as const } : {}),
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        })}
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {t(hint)}
          </p>
        ) : null}
        {errors[name] ? (
          <p className="error" id={`${id}-error`} data-testid={`error-${name}`}>
            {errors[name]}
          </p>
        ) : null}
      </div>
    );
  };
  const text = (name: keyof Form, label: ConsoleKey, type = 'text', hint?: ConsoleKey) =>
    field(
      name,
      label,
      (props) => (
        <input
          {...props}
          type={type}
          value={form[name] as string}
          onChange={(e) => set(name, e.target.value as never)}
        />
      ),
      hint,
    );
  const choose = (
    name: keyof Form,
    errorName: string,
    label: ConsoleKey,
    options: [string, string][],
  ) =>
    field(errorName, label, (props) => (
      <select
        {...props}
        value={form[name] as string}
        onChange={(e) => set(name, e.target.value as never)}
      >
        {options.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    ));
  return (
    <form className="enrol" onSubmit={submit} noValidate aria-labelledby="enrol-h">
      <h1 id="enrol-h">{t('enrol.title')}</h1>
      <p className="hint">{t('enrol.intro')}</p>
      <fieldset className="card">
        <legend>{t('enrol.person')}</legend>
        {text('givenName', 'enrol.givenName')}
        {text('familyName', 'enrol.familyName')}
        {text('dateOfBirth', 'enrol.dateOfBirth', 'date')}
        {text('email', 'enrol.email', 'email')}
        {text('phone', 'enrol.phone', 'tel', 'enrol.phoneHint')}
        {choose('language', 'language', 'enrol.language', [
          ['en', t('enrol.language.en')],
          ['es', t('enrol.language.es')],
        ])}
        {text('mrn', 'enrol.mrn')}
      </fieldset>
      <fieldset className="card">
        <legend>{t('enrol.surgery')}</legend>
        {choose('region', 'surgery.region', 'enrol.region', [
          ['', '—'],
          ['lumbar', t('region.lumbar')],
          ['cervical', t('region.cervical')],
        ])}
        {choose('procedure', 'surgery.procedure', 'enrol.procedure', [
          ['', '—'],
          ['laminotomy', t('procedure.laminotomy')],
          ['laminectomy', t('procedure.laminectomy')],
          ['microlaminectomy', t('procedure.microlaminectomy')],
        ])}
        {choose('approach', 'surgery.approach', 'enrol.approach', [
          ['open', t('enrol.approach.open')],
          ['minimally-invasive', t('enrol.approach.minimally-invasive')],
        ])}
        {field('surgery.levels', 'enrol.levels', (props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={8}
            value={form.levels}
            onChange={(e) => set('levels', e.target.value)}
          />
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={form.fusion}
            onChange={(e) => set('fusion', e.target.checked)}
          />{' '}
          {t('enrol.fusion')}
        </label>
        {field('surgery.surgeryDate', 'enrol.surgeryDate', (props) => (
          <input
            {...props}
            type="date"
            value={form.surgeryDate}
            onChange={(e) => set('surgeryDate', e.target.value)}
          />
        ))}
        {choose('surgeonId', 'surgeonId', 'enrol.surgeon', [
          ['', t('enrol.noSurgeon')],
          ...surgeons.map((s): [string, string] => [s.id, s.displayName]),
        ])}
      </fieldset>
      <fieldset className="card">
        <legend>{t('enrol.factors')}</legend>
        {factorKeys.map((key) =>
          field(`factors.${key}`, `enrol.factor.${key}`, (props) => (
            <select
              {...props}
              value={form.factors[key]}
              onChange={(e) => set('factors', { ...form.factors, [key]: e.target.value as Tri })}
            >
              <option value="">{t('enrol.unknown')}</option>
              <option value="yes">{t('enrol.yes')}</option>
              <option value="no">{t('enrol.no')}</option>
            </select>
          )),
        )}
        {choose('jobDemand', 'factors.jobDemand', 'enrol.jobDemand', [
          ['', t('enrol.unknown')],
          ['none', t('enrol.job.none')],
          ['desk', t('enrol.job.desk')],
          ['light', t('enrol.job.light')],
          ['heavy', t('enrol.job.heavy')],
        ])}
      </fieldset>
      {base ? (
        <fieldset className="card" data-testid="enrol-overrides">
          <legend>{t('enrol.overrides')}</legend>
          <p className="hint">{t('enrol.overridesIntro')}</p>
          {errors.overrides ? (
            <p className="error" data-testid="error-overrides">
              {errors.overrides}
            </p>
          ) : null}
          {base.restrictions.map((r) => {
            const f = typedOverrides.restrictions[r.id] ?? {
              maxLoadLb: '',
              mode: 'protocol' as LiftMode,
              weeks: '',
            };
            const id = `enrol-ov-${r.id}`;
            return (
              <fieldset key={r.id} className="override">
                <legend lang="en">{r.text}</legend>
                <RestrictionFields
                  id={id}
                  maxLoad={r.maxLoad}
                  value={f}
                  onChange={(patch) => setRestriction(r.id, patch)}
                />
              </fieldset>
            );
          })}
          {base.followUps.map((fu) => (
            <fieldset key={fu.id} className="override">
              <legend lang="en">{fu.title}</legend>
              <div className="field inline">
                <label htmlFor={`enrol-ov-${fu.id}-date`}>{t('plan.booked')}</label>
                <input
                  id={`enrol-ov-${fu.id}-date`}
                  type="date"
                  value={typedOverrides.followUps[fu.id] ?? ''}
                  onChange={(e) => {
                    setTypedOverrides((o) => ({
                      ...o,
                      followUps: { ...o.followUps, [fu.id]: e.target.value },
                    }));
                    setPreview(null);
                  }}
                />
              </div>
            </fieldset>
          ))}
        </fieldset>
      ) : null}
      <p className="actions">
        <button type="button" className="secondary" onClick={showPreview}>
          {t('enrol.preview')}
        </button>{' '}
        <button type="submit" disabled={busy}>
          {busy ? t('enrol.saving') : t('enrol.save')}
        </button>
      </p>
      {message ? (
        <div role="alert" className="error" data-testid="enrol-message">
          <p>{existing ? t('enrol.duplicate') : message}</p>
          {existing ? (
            <p>
              {message}{' '}
              <Link href={`/console/patients/${existing}`}>{t('enrol.openExisting')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {preview === 'incomplete' ? (
        <p role="status" className="hint">
          {t('enrol.previewNeeds')}
        </p>
      ) : null}
      {preview && preview !== 'incomplete' ? (
        <section className="card" aria-labelledby="preview-h" data-testid="plan-preview">
          <h2 id="preview-h">{t('enrol.previewTitle')}</h2>
          <p lang="en">{preview.protocol.title}</p>
          <ol className="plain">
            {preview.phases
              .filter((phase) => phase.startDate <= addDays(preview.surgery.surgeryDate, 42))
              .map((phase) => (
                <li key={phase.id}>
                  <strong lang="en">{phase.title}</strong>{' '}
                  {t('enrol.previewDay', { date: date(phase.startDate, 'short') })}
                </li>
              ))}
          </ol>
          <ul className="plain" data-testid="preview-restrictions">
            {preview.restrictions.map((r) => (
              <li key={r.id} data-set-by={r.setBy}>
                <span lang="en">{r.text}</span> <RestrictionLifts r={r} />
              </li>
            ))}
          </ul>
          <ul className="plain">
            {preview.milestones
              .filter((m) => m.from <= addDays(preview.surgery.surgeryDate, 42))
              .map((m) => (
                <li key={m.id} lang="en">
                  {date(m.from, 'short')}: {m.text}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </form>
  );
}

import {
  type FhirQuestionnaireItem,
  type PromInstrumentId,
  type PromsDueReport,
  promInstruments,
  promPlainName,
} from '@lamina/pathway';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, api } from '../lib/api.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { useLoaded } from '../lib/use-loaded.ts';
import { Choice } from '../ui/Choice.tsx';
import { Submit } from '../ui/Form.tsx';
import { Stmt } from '../ui/Statement.tsx';

type Answers = Record<string, number | string>;

/** The value sent for a choice: its score when it has one, its code otherwise (as the server scores it). */
function optionValue(option: NonNullable<FhirQuestionnaireItem['answerOption']>[number]) {
  const ordinal = option.extension?.find((e) => e.url.endsWith('/ordinalValue'))?.valueDecimal;
  return ordinal ?? option.valueCoding.code.split('.').at(-1) ?? option.valueCoding.code;
}

/** The whole numbers an integer item accepts (FHIR minValue / maxValue). */
function integerRange(item: FhirQuestionnaireItem): number[] {
  const bound = (name: string, fallback: number) =>
    item.extension?.find((e) => e.url.endsWith(`/${name}`))?.valueInteger ?? fallback;
  const min = bound('minValue', 0);
  const max = bound('maxValue', 10);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export default function Questionnaires({ ctx }: { ctx: PatientContext }) {
  const { t, date, lang } = useI18n();
  const { data: report, failed } = useLoaded<PromsDueReport>(
    `/api/patients/${ctx.me.patientId}/proms/due`,
  );
  const [open, setOpen] = useState<PromInstrumentId | null>(null);
  const [done, setDone] = useState<string[]>([]);

  const due = (report?.dueNow ?? []).filter(
    (d) => promInstruments[d.instrument]?.respondent === 'patient' && !done.includes(d.instrument),
  );
  const next = report?.timepoints.find((tp) => tp.status === 'upcoming');

  return (
    <div className="screen questionnaires">
      <h1>{t('proms.title')}</h1>
      <p className="lead">{t('proms.intro')}</p>
      {lang !== 'en' ? <p className="hint">{t('proms.englishOnly')}</p> : null}
      {failed ? <p role="alert">{t('app.needsConnection')}</p> : null}
      {!report && !failed ? <p role="status">{t('app.loading')}</p> : null}
      {done.length > 0 ? (
        <p className="banner sent" role="status">
          {t('proms.thanks')}
        </p>
      ) : null}
      {report && due.length === 0 ? (
        <section className="card">
          <p>{t('proms.noneDue')}</p>
          {next ? <p>{t('proms.next', { date: date(next.opens) })}</p> : null}
        </section>
      ) : null}
      {due.map((d) =>
        open === d.instrument ? (
          <PromForm
            key={d.instrument}
            patientId={ctx.me.patientId}
            instrument={d.instrument}
            onDone={() => {
              setDone((x) => [...x, d.instrument]);
              setOpen(null);
            }}
          />
        ) : (
          <section key={d.instrument} className="card">
            <h2>{promPlainName(d.instrument, lang)}</h2>
            <p>{d.status === 'overdue' ? t('proms.overdue') : t('proms.due')}</p>
            <button type="button" className="primary" onClick={() => setOpen(d.instrument)}>
              {t('proms.start')}
            </button>
          </section>
        ),
      )}
      {report ? <Stmt s={report.note} className="notice" /> : null}
    </div>
  );
}

function PromForm({
  patientId,
  instrument,
  onDone,
}: {
  patientId: string;
  instrument: PromInstrumentId;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const definition = promInstruments[instrument];
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/patients/${patientId}/proms/${instrument}`, { answers });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('app.needsConnection'));
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} lang="en">
      <h2 lang={lang}>{promPlainName(instrument, lang)}</h2>
      {definition.questionnaire.item.map((item) =>
        item.type === 'choice' ? (
          <Choice
            key={item.linkId}
            legend={item.text}
            options={(item.answerOption ?? []).map((o) => ({
              value: optionValue(o),
              label: o.valueCoding.display,
            }))}
            value={answers[item.linkId]}
            onChange={(value) => setAnswers((a) => ({ ...a, [item.linkId]: value }))}
          />
        ) : (
          <Choice
            key={item.linkId}
            legend={item.text}
            options={integerRange(item).map((n) => ({ value: n, label: String(n) }))}
            columns={6}
            value={answers[item.linkId]}
            onChange={(value) => setAnswers((a) => ({ ...a, [item.linkId]: value }))}
          />
        ),
      )}
      <Submit error={error} busy={busy} className="primary big" label={t('proms.send')} />
    </form>
  );
}

import { compareTreatmentOptions, type Statement } from '@lamina/pathway';
import { useState } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { MyScansLink } from '../imaging/MyScansLink.tsx';
import type { PatientContext } from '../lib/patient-context.ts';
import { titleText } from '../lib/plan-text.ts';
import { Stmt } from '../ui/Statement.tsx';

interface Topic {
  key: string;
  title: string;
  statements: readonly Statement[];
}

const unique = (statements: readonly Statement[]) => [
  ...new Map(statements.map((s) => [s.id, s])).values(),
];

/** Education built from the patient's own plan and the treatment finder, searchable, each line sourced. */
export default function Learn({ ctx }: { ctx: PatientContext }) {
  const { t, st, lang } = useI18n();
  const [query, setQuery] = useState('');
  const { plan } = ctx;
  const options = compareTreatmentOptions(plan.surgery.region);
  const topic = (key: MessageKey, statements: readonly Statement[]): Topic => ({
    key,
    title: t(key),
    statements: unique(statements),
  });
  const topics: Topic[] = [
    topic('learn.procedure', [plan.protocol.summary, ...plan.notices]),
    ...plan.phases.map((p) => ({
      key: p.id,
      title: `${t('learn.phase')}: ${titleText(lang, 'phase', p.id, p.title).text}`,
      statements: unique([...p.focus, ...p.avoid]),
    })),
    topic('learn.nerves', [
      ...plan.symptomCourse.symptoms.map((s) => s.explanation),
      ...plan.symptomCourse.slowerHealing,
      ...plan.symptomCourse.notes,
    ]),
    ...(plan.goodToKnow ?? []).map((g) => ({
      key: g.id,
      title: st(g.title).text,
      statements: unique(g.items),
    })),
    topic('learn.whenToCall', plan.warningSigns),
    topic('learn.options', [
      ...options.options.flatMap((o) => [o.whatIsRemoved, o.howItIsDone, o.typicalRecovery]),
      options.disclaimer,
    ]),
  ];
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (s: Statement) => {
    const text = `${st(s).text} ${s.text}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const shown = topics
    .map((tp) => ({
      ...tp,
      statements:
        words.length === 0 || words.every((w) => tp.title.toLowerCase().includes(w))
          ? tp.statements
          : tp.statements.filter(matches),
    }))
    .filter((tp) => tp.statements.length > 0);

  return (
    <div className="screen learn">
      <h1>{t('learn.title')}</h1>
      <MyScansLink />
      <label className="field search">
        <span>{t('learn.search')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <p className="hint" role="status">
        {t('learn.count', { count: shown.reduce((n, tp) => n + tp.statements.length, 0) })}
      </p>
      {shown.map((tp) => (
        <details key={tp.key} className="card topic" open={words.length > 0}>
          <summary>
            <h2>{tp.title}</h2>
          </summary>
          {tp.statements.map((s) => (
            <Stmt key={s.id} s={s} />
          ))}
        </details>
      ))}
    </div>
  );
}

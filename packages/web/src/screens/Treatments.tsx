import {
  compareTreatmentOptions,
  type Region,
  type SpineProblem,
  spineProblems,
} from '@lamina/pathway';
import { useState } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { Choice } from '../ui/Choice.tsx';
import { Stmt } from '../ui/Statement.tsx';

/** The treatment finder: the decompression operations side by side, in plain words, no account. */
export default function Treatments() {
  const { t, st } = useI18n();
  const [region, setRegion] = useState<Region>('lumbar');
  const [problem, setProblem] = useState<SpineProblem | 'any'>('any');
  const comparison = compareTreatmentOptions(region, problem === 'any' ? undefined : problem);
  return (
    <div className="screen treatments">
      <h1>{t('treatments.title')}</h1>
      <p className="lead">{t('treatments.intro')}</p>
      <Choice
        legend={t('candidacy.region')}
        options={[
          { value: 'lumbar' as Region, label: t('candidacy.region.lumbar') },
          { value: 'cervical' as Region, label: t('candidacy.region.cervical') },
        ]}
        columns={2}
        value={region}
        onChange={(r) => setRegion(r)}
      />
      <Choice
        legend={t('treatments.problem')}
        options={[
          { value: 'any' as const, label: t('treatments.problem.any') },
          ...spineProblems.map((p) => ({
            value: p,
            label: t(`treatments.problem.${p}` as MessageKey),
          })),
        ]}
        value={problem}
        onChange={(p) => setProblem(p)}
      />
      {comparison.options.map((o) => {
        const name = st({ id: `treatment.name.${o.id}`, text: o.name });
        return (
          <section key={o.id} className="card">
            <h2 lang={name.lang}>{name.text}</h2>
            <h3>{t('treatments.removes')}</h3>
            <Stmt s={o.whatIsRemoved} />
            <h3>{t('treatments.for')}</h3>
            <Stmt s={o.problemsAddressed} />
            <h3>{t('treatments.how')}</h3>
            <Stmt s={o.howItIsDone} />
            <h3>{t('treatments.stay')}</h3>
            <Stmt s={o.typicalStay} />
            <h3>{t('treatments.recovery')}</h3>
            <Stmt s={o.typicalRecovery} />
          </section>
        );
      })}
      <Stmt s={comparison.disclaimer} className="disclaimer" />
      <Link href="/check" className="button primary big">
        {t('treatments.checkLink')}
      </Link>
    </div>
  );
}

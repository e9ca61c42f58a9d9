// The rule's own module, not the package index: Today is in the first download, which must stay small.
import {
  type SecondOpinionPromptWindowId,
  secondOpinionPrompt,
} from '@lamina/pathway/second-opinion-prompt';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { Stmt } from '../../ui/Statement.tsx';

/**
 * The Today card that suggests a second opinion at the moments seed 000 names (weeks 1 to 6, and
 * around 6 months; the rule is pathway's `secondOpinionPrompt`). Not shown before surgery, outside
 * those windows, once dismissed for this window, or while the patient has a second opinion open (or
 * when that cannot be checked, e.g. offline).
 */

const dismissKey = (patientId: string, window: SecondOpinionPromptWindowId) =>
  `lamina.second-opinion-prompt.${patientId}.${window}`;

function wasDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === 'dismissed';
  } catch {
    return false; // storage blocked: the card can be dismissed for this visit only
  }
}

export function SecondOpinionPrompt({
  patientId,
  dayOfRecovery,
  recovering,
}: {
  patientId: string;
  dayOfRecovery: number;
  recovering: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const window = recovering ? secondOpinionPrompt(dayOfRecovery) : undefined;
  const key = window ? dismissKey(patientId, window.id) : '';
  const [dismissed, setDismissed] = useState(() => (key ? wasDismissed(key) : true));
  const [openCase, setOpenCase] = useState<boolean | null>(null);

  useEffect(() => {
    setDismissed(key ? wasDismissed(key) : true);
  }, [key]);
  useEffect(() => {
    if (!key || dismissed) return;
    let current = true;
    api
      .get<{ cases: { status: string }[] }>('/api/second-opinions')
      .then((answer) => {
        if (current)
          setOpenCase(
            answer.cases.some((c) => c.status === 'requested' || c.status === 'assigned'),
          );
      })
      .catch(() => {
        if (current) setOpenCase(null);
      });
    return () => {
      current = false;
    };
  }, [key, dismissed]);

  if (!window || dismissed || openCase !== false) return null;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="second-opinion-prompt">
      <h2 id={headingId}>{t('so.prompt.title')}</h2>
      <Stmt s={window.why} />
      <p className="row">
        <Link href="/second-opinion" className="button primary">
          {t('so.prompt.ask')}
        </Link>{' '}
        <button
          type="button"
          className="link"
          onClick={() => {
            try {
              localStorage.setItem(key, 'dismissed');
            } catch {
              // Not remembered, but hidden for now.
            }
            setDismissed(true);
          }}
        >
          {t('so.prompt.dismiss')}
        </button>
      </p>
    </section>
  );
}

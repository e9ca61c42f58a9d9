import type { Statement } from '@lamina/pathway';
import { referenceLinks } from '../content/reference-links.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';

const seedKeys: Record<string, MessageKey> = {
  'seed:000': 'source.seed000',
  'seed:001': 'source.seed001',
  'seed:002': 'source.seed002',
  'seed:003': 'source.seed003',
  'seed:004': 'source.seed004',
};

/** Where a statement comes from: small, and a tap opens the list. */
export function Sources({ sources }: { sources: readonly string[] }) {
  const { t } = useI18n();
  if (sources.length === 0) return null;
  return (
    <details className="sources">
      <summary>
        {t('source.label')} {sources.join(', ')}
      </summary>
      <ul>
        {sources.map((source) => {
          const ref = /^ref:(\w+)$/.exec(source)?.[1];
          const link = ref ? referenceLinks[ref] : undefined;
          const seed = seedKeys[source];
          return (
            <li key={source}>
              <strong>{source}</strong>{' '}
              {source === 'surgeon' ? (
                t('source.surgeon')
              ) : source === 'team' ? (
                t('source.team')
              ) : seed ? (
                t(seed)
              ) : link ? (
                <a href={link} target="_blank" rel="noopener noreferrer">
                  {new URL(link).hostname.replace(/^www\./, '')}
                </a>
              ) : (
                t('source.reference')
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

/** One clinical statement in the patient's language, with its sources. */
export function Stmt({ s, className }: { s: Statement; className?: string }) {
  const { st, t } = useI18n();
  const shown = st(s);
  return (
    <div className={className ? `stmt ${className}` : 'stmt'}>
      <p lang={shown.lang}>{shown.text}</p>
      {s.uncertain ? <p className="uncertain">{t('source.uncertain')}</p> : null}
      <Sources sources={s.sources} />
    </div>
  );
}

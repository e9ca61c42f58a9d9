import type { Statement } from '@lamina/pathway';
// The subpath, not the package's index: the index pulls all of pathway (and zod) into the first download.
import { sourceNames } from '@lamina/pathway/source-names';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Where a statement comes from. Patients read short names with a link to each reference
 * ("Source: clinic guide: recovery after laminectomy; NHS"); staff screens pass `ids` and see the
 * source ids (seed:001, ref:4) with the names in a list a tap away.
 */
export function Sources({ sources, ids }: { sources: readonly string[]; ids?: boolean }) {
  const { t, lang } = useI18n();
  if (sources.length === 0) return null;
  const named = sourceNames(sources, lang);
  if (ids) {
    return (
      <details className="sources">
        <summary>
          {t('source.label')} {sources.join(', ')}
        </summary>
        <ul>
          {sources.map((source) => {
            const n = sourceNames([source], lang)[0];
            return (
              <li key={source}>
                <strong>{source}</strong>{' '}
                {n?.url ? (
                  <a href={n.url} target="_blank" rel="noopener noreferrer">
                    {n.name}
                  </a>
                ) : (
                  n?.name
                )}
              </li>
            );
          })}
        </ul>
      </details>
    );
  }
  // A div, not a paragraph: the statement's own paragraph stays the only <p> it says.
  return (
    <div className="sources">
      {t('source.label')}{' '}
      {named.map((n, i) => (
        <span key={`${n.name}|${n.url ?? ''}`}>
          {i > 0 ? '; ' : null}
          {n.url ? (
            <a href={n.url} target="_blank" rel="noopener noreferrer">
              {n.name}
            </a>
          ) : (
            n.name
          )}
        </span>
      ))}
    </div>
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

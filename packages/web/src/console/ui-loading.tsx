import { useT } from './i18n.ts';

/** The console's "Loading…" status line. */
export function Loading() {
  const { t } = useT();
  return (
    <p className="loading" role="status">
      {t('console.loading')}
    </p>
  );
}

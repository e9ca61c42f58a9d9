import { Link } from '../lib/router.tsx';
import { useImagingT } from './i18n.ts';

/** A link to "My scans" for the patient app's screens, in the imaging strings. */
export function MyScansLink() {
  const { t } = useImagingT();
  return (
    <p>
      <Link href="/scans">{t('imaging.myScans')}</Link>
    </p>
  );
}

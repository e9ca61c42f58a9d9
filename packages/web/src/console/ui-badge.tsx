import { useT } from './i18n.ts';

/** Marks a plan value the surgeon set (PatientView, Overrides). */
export function SurgeonBadge() {
  const { t } = useT();
  return <span className="badge surgeon"> {t('plan.setBySurgeon')}</span>;
}

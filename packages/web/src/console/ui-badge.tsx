import type { PlannedRestriction } from '@lamina/pathway';
import { useT } from './i18n.ts';

/** Marks a plan value the surgeon set (PatientView, Overrides). */
export function SurgeonBadge() {
  const { t } = useT();
  return <span className="badge surgeon"> {t('plan.setBySurgeon')}</span>;
}

/** When a planned restriction lifts (a date, or how: "when your surgeon clears you"), and who set it. */
export function RestrictionLifts({ r }: { r: PlannedRestriction }) {
  const { t, date } = useT();
  return (
    <>
      <span className="hint">
        {r.liftsOn
          ? t('plan.until', { date: date(r.liftsOn, 'short') })
          : t(`lifting.${r.lifting}` as 'lifting.when-cleared')}
      </span>
      {r.setBy === 'surgeon' ? <SurgeonBadge /> : null}
    </>
  );
}

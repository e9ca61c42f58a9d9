import { useT } from './i18n.ts';

export type LiftMode = 'protocol' | 'weeks' | 'when-cleared' | 'lifted';

/** A restriction as the surgeon types it: the weight limit, when it ends, after how many weeks. */
export interface RestrictionInput {
  maxLoadLb: string;
  mode: LiftMode;
  weeks: string;
}

/**
 * The surgeon's fields for one restriction, shared by Enrol and the patient's plan editor: the
 * weight limit (when the protocol sets one), when it ends and, for "weeks", how many. Labels point
 * at their control (not around it), so a label reads only its own words.
 */
export function RestrictionFields({
  id,
  maxLoad,
  value,
  onChange,
}: {
  id: string;
  maxLoad?: { lb: number } | undefined;
  value: RestrictionInput;
  onChange(patch: Partial<RestrictionInput>): void;
}) {
  const { t } = useT();
  return (
    <>
      {maxLoad ? (
        <div className="field inline">
          <label htmlFor={`${id}-load`}>{t('plan.maxLoad', { lb: maxLoad.lb })}</label>
          <input
            id={`${id}-load`}
            type="number"
            min={1}
            max={100}
            value={value.maxLoadLb}
            onChange={(e) => onChange({ maxLoadLb: e.target.value })}
          />
        </div>
      ) : null}
      <div className="field inline">
        <label htmlFor={`${id}-ends`}>{t('plan.lifts')}</label>
        <select
          id={`${id}-ends`}
          value={value.mode}
          onChange={(e) => onChange({ mode: e.target.value as LiftMode })}
        >
          <option value="protocol">{t('plan.liftsProtocol')}</option>
          <option value="weeks">{t('plan.liftsWeeks')}</option>
          <option value="when-cleared">{t('plan.liftsCleared')}</option>
          <option value="lifted">{t('plan.liftsLifted')}</option>
        </select>
      </div>
      {value.mode === 'weeks' ? (
        <div className="field inline">
          <label htmlFor={`${id}-weeks`}>{t('plan.weeks')}</label>
          <input
            id={`${id}-weeks`}
            type="number"
            min={0}
            max={520}
            value={value.weeks}
            onChange={(e) => onChange({ weeks: e.target.value })}
          />
        </div>
      ) : null}
    </>
  );
}

import type { Answer, CheckinInput, LimbSide, NerveChange, Region } from '@lamina/pathway';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Choice } from '../../ui/Choice.tsx';

/** What every step gets: the answers so far and a way to change them. */
export interface StepProps {
  a: CheckinInput;
  update(patch: Partial<CheckinInput>): void;
  region: Region;
}

export type YesNoField =
  | 'saddleNumbness'
  | 'urinaryRetention'
  | 'bladderIncontinence'
  | 'bowelIncontinence'
  | 'unableToMoveLimbs'
  | 'chestPain'
  | 'shortOfBreath'
  | 'coughingBlood'
  | 'severeBleeding'
  | 'fell'
  | 'positionalHeadache'
  | 'calfPainOrSwelling'
  | 'newShoulderArmWeakness';

export function useOptions() {
  const { t } = useI18n();
  const answerOptions: { value: Answer; label: string }[] = [
    { value: 'yes', label: t('answer.yes') },
    { value: 'no', label: t('answer.no') },
    { value: 'unsure', label: t('answer.unsure') },
  ];
  const nerveOptions: { value: NerveChange; label: string }[] = [
    { value: 'none', label: t('nerve.none') },
    { value: 'improving', label: t('nerve.improving') },
    { value: 'unchanged', label: t('nerve.unchanged') },
    { value: 'worse', label: t('nerve.worse') },
    { value: 'rapidly-worse', label: t('nerve.rapidlyWorse') },
  ];
  const sideOptions = (limb: 'Legs' | 'Arms'): { value: LimbSide; label: string }[] => [
    { value: 'left', label: t(`q.weakness${limb}.left`) },
    { value: 'right', label: t(`q.weakness${limb}.right`) },
    { value: 'both', label: t(`q.weakness${limb}.both`) },
    { value: 'none', label: t(`q.weakness${limb}.none`) },
    { value: 'unsure', label: t('answer.unsure') },
  ];
  return { answerOptions, nerveOptions, sideOptions };
}

/** One yes / no / not sure question about a danger sign. */
export function YesNo({ field, a, update, region }: StepProps & { field: YesNoField }) {
  const { t } = useI18n();
  const { answerOptions } = useOptions();
  const key = `q.${field}${field === 'unableToMoveLimbs' && region === 'cervical' ? '.neck' : ''}`;
  return (
    <Choice
      legend={t(key as MessageKey)}
      options={answerOptions}
      columns={3}
      value={a[field]}
      onChange={(value) => update({ [field]: value })}
    />
  );
}

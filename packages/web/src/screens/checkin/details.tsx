import {
  type CheckinInput,
  findRule,
  isLowTemperature,
  plausibleTemperature,
  type Statement,
} from '@lamina/pathway';
import { useI18n } from '../../i18n/i18n.tsx';
import { Choice } from '../../ui/Choice.tsx';
import { Stmt } from '../../ui/Statement.tsx';
import type { GroupId } from './groups.ts';
import { type StepProps, useOptions, YesNo } from './questions.tsx';

/** What to do about a low reading: the triage statement itself (sourced, translated), shown before sending. */
const lowTemperatureAdvice = findRule('temperature-low')?.instruction as Statement | undefined;

/** The typed temperature, when it is a number (the schema still checks the range). */
export function typedTemperature(text: string, unit: 'F' | 'C') {
  const value = Number(text.replace(',', '.'));
  return text.trim() && Number.isFinite(value) ? { value, unit } : undefined;
}

/** A plausible reading below 35.5 °C: below the range the step shows its field error instead. */
export function isLowReading(text: string, unit: 'F' | 'C'): boolean {
  const typed = typedTemperature(text, unit);
  return (
    typed !== undefined && typed.value >= plausibleTemperature[unit].min && isLowTemperature(typed)
  );
}

/** Where the weakness is matters only when it is new or getting worse (issue 13: both legs is an emergency). */
export function weaknessMayBeWorse(w: CheckinInput['weakness']): boolean {
  return (
    w?.change === 'worse' ||
    w?.change === 'rapidly-worse' ||
    w?.new === 'yes' ||
    w?.new === 'unsure'
  );
}

export interface TemperatureProps {
  tempText: string;
  setTempText(text: string): void;
  tempUnit: 'F' | 'C';
  setTempUnit(unit: 'F' | 'C'): void;
}

/** The questions of one flagged screening group. */
export function GroupDetails({
  group,
  ...props
}: StepProps & TemperatureProps & { group: GroupId }) {
  switch (group) {
    case 'bladder':
      return (
        <>
          <YesNo field="saddleNumbness" {...props} />
          <YesNo field="urinaryRetention" {...props} />
          <YesNo field="bladderIncontinence" {...props} />
          <YesNo field="bowelIncontinence" {...props} />
        </>
      );
    case 'chest':
      return (
        <>
          <YesNo field="chestPain" {...props} />
          <YesNo field="shortOfBreath" {...props} />
          <YesNo field="coughingBlood" {...props} />
          <YesNo field="severeBleeding" {...props} />
        </>
      );
    case 'nerves':
      return <Nerves {...props} />;
    case 'neck':
      return <Neck {...props} />;
    case 'wound':
      return <Wound {...props} />;
    case 'temperature':
      return <TemperatureQuestions {...props} />;
    case 'other':
      return <Other {...props} />;
  }
}

function Nerves({ a, update, region }: StepProps) {
  const { t } = useI18n();
  const { answerOptions, nerveOptions, sideOptions } = useOptions();
  const neck = region === 'cervical';
  return (
    <>
      <YesNo field="unableToMoveLimbs" a={a} update={update} region={region} />
      <Choice
        legend={t('q.numbness')}
        options={nerveOptions}
        value={a.numbness?.change}
        onChange={(change) => update({ numbness: { ...a.numbness, change } })}
      />
      <Choice
        legend={t('q.numbnessNew')}
        options={answerOptions}
        columns={3}
        value={a.numbness?.new}
        onChange={(value) => update({ numbness: { ...a.numbness, new: value } })}
      />
      <Choice
        legend={t('q.weakness')}
        options={nerveOptions}
        value={a.weakness?.change}
        onChange={(change) => update({ weakness: { ...a.weakness, change } })}
      />
      <Choice
        legend={t('q.weaknessNew')}
        options={answerOptions}
        columns={3}
        value={a.weakness?.new}
        onChange={(value) => update({ weakness: { ...a.weakness, new: value } })}
      />
      {weaknessMayBeWorse(a.weakness) ? (
        <>
          <Choice
            legend={t('q.weaknessLegs')}
            options={sideOptions('Legs')}
            columns={2}
            value={a.weakness?.legs}
            onChange={(legs) => update({ weakness: { ...a.weakness, legs } })}
          />
          {neck ? (
            <Choice
              legend={t('q.weaknessArms')}
              options={sideOptions('Arms')}
              columns={2}
              value={a.weakness?.arms}
              onChange={(arms) => update({ weakness: { ...a.weakness, arms } })}
            />
          ) : null}
        </>
      ) : null}
      {neck ? (
        <>
          <YesNo field="newShoulderArmWeakness" a={a} update={update} region={region} />
          <Choice
            legend={t('q.handClumsiness')}
            options={[
              { value: 'no', label: t('q.handClumsiness.no') },
              { value: 'new', label: t('q.handClumsiness.new') },
              { value: 'rapidly-worse', label: t('q.handClumsiness.fast') },
              { value: 'unsure', label: t('answer.unsure') },
            ]}
            columns={2}
            value={a.handClumsiness}
            onChange={(handClumsiness) => update({ handClumsiness })}
          />
        </>
      ) : null}
      <Choice
        legend={t('q.walkingBalance')}
        options={[
          { value: 'improving', label: t('q.walking.improving') },
          { value: 'same', label: t('q.walking.same') },
          { value: 'gradually-worse', label: t('q.walking.slowly') },
          { value: 'suddenly-worse', label: t('q.walking.worse') },
        ]}
        value={a.walkingBalance}
        onChange={(walkingBalance) => update({ walkingBalance })}
      />
    </>
  );
}

function Neck({ a, update }: StepProps) {
  const { t } = useI18n();
  return (
    <>
      <Choice
        legend={t('q.swallowing')}
        options={[
          { value: 'normal', label: t('q.swallowing.normal') },
          { value: 'mild', label: t('q.swallowing.mild') },
          { value: 'getting-worse', label: t('q.swallowing.worse') },
          { value: 'cannot', label: t('q.swallowing.cannot') },
        ]}
        value={a.swallowing}
        onChange={(swallowing) => update({ swallowing })}
      />
      <Choice
        legend={t('q.voice')}
        options={[
          { value: 'normal', label: t('q.voice.normal') },
          { value: 'hoarse', label: t('q.voice.hoarse') },
          { value: 'cannot-speak', label: t('q.voice.cannot') },
        ]}
        value={a.voice}
        onChange={(voice) => update({ voice })}
      />
      <Choice
        legend={t('q.neckSwelling')}
        options={[
          { value: 'none', label: t('q.neckSwelling.none') },
          { value: 'some', label: t('q.neckSwelling.some') },
          { value: 'growing-fast', label: t('q.neckSwelling.fast') },
        ]}
        value={a.neckSwelling}
        onChange={(neckSwelling) => update({ neckSwelling })}
      />
    </>
  );
}

function Wound({ a, update }: StepProps) {
  const { t } = useI18n();
  const { answerOptions } = useOptions();
  const fields = ['redness', 'warmth', 'opening', 'dressingSoaked'] as const;
  return (
    <>
      {fields.map((field) => (
        <Choice
          key={field}
          legend={t(`q.incision.${field}`)}
          options={answerOptions}
          columns={3}
          value={a.incision?.[field]}
          onChange={(value) => update({ incision: { ...a.incision, [field]: value } })}
        />
      ))}
      <Choice
        legend={t('q.incision.swelling')}
        options={[
          { value: 'none', label: t('q.swelling.none') },
          { value: 'some', label: t('q.swelling.some') },
          { value: 'growing', label: t('q.swelling.growing') },
        ]}
        columns={3}
        value={a.incision?.swelling}
        onChange={(swelling) => update({ incision: { ...a.incision, swelling } })}
      />
      <Choice
        legend={t('q.incision.drainage')}
        options={[
          { value: 'none', label: t('q.drainage.none') },
          { value: 'bloody', label: t('q.drainage.bloody') },
          { value: 'clear-watery', label: t('q.drainage.clear') },
          { value: 'cloudy', label: t('q.drainage.cloudy') },
        ]}
        columns={2}
        value={a.incision?.drainage}
        onChange={(drainage) => update({ incision: { ...a.incision, drainage } })}
      />
    </>
  );
}

function TemperatureQuestions({
  a,
  update,
  tempText,
  setTempText,
  tempUnit,
  setTempUnit,
}: StepProps & TemperatureProps) {
  const { t } = useI18n();
  const { answerOptions } = useOptions();
  return (
    <div className="field temperature">
      <label htmlFor="temperature">{t('q.temperature')}</label>
      <p className="hint">{t('q.temperatureHint')}</p>
      <div className="row">
        <input
          id="temperature"
          name="temperature"
          inputMode="decimal"
          value={tempText}
          onChange={(e) => setTempText(e.target.value)}
        />
        <Choice
          legend={t('q.temperatureUnit')}
          options={[
            { value: 'F' as const, label: '°F' },
            { value: 'C' as const, label: '°C' },
          ]}
          columns={2}
          value={tempUnit}
          onChange={(unit) => setTempUnit(unit)}
        />
      </div>
      {isLowReading(tempText, tempUnit) ? (
        <>
          {lowTemperatureAdvice ? (
            <div role="status">
              <Stmt s={lowTemperatureAdvice} />
            </div>
          ) : null}
          <Choice
            legend={t('q.feelsVeryUnwell')}
            options={answerOptions}
            columns={3}
            value={a.feelsVeryUnwell}
            onChange={(feelsVeryUnwell) => update({ feelsVeryUnwell })}
          />
        </>
      ) : null}
    </div>
  );
}

function Other(props: StepProps) {
  const { t } = useI18n();
  const { a, update } = props;
  return (
    <>
      <YesNo field="fell" {...props} />
      <YesNo field="positionalHeadache" {...props} />
      <YesNo field="calfPainOrSwelling" {...props} />
      <Choice
        legend={t('q.bowel')}
        options={[0, 1, 2, 3, 4].map((n) => ({
          value: n,
          label: n === 0 ? t('q.bowel.today') : n === 4 ? t('q.bowel.fourPlus') : String(n),
        }))}
        columns={5}
        value={a.daysSinceBowelMovement}
        onChange={(daysSinceBowelMovement) => update({ daysSinceBowelMovement })}
      />
    </>
  );
}

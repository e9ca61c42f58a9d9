import type { RecoveryPlan } from '@lamina/pathway';
import { type Dispatch, type FormEvent, type SetStateAction, useState } from 'react';
import { api } from '../lib/api.ts';
import { milestoneText, restrictionText, titleText } from '../lib/plan-text.ts';
import { ErrorNote } from '../ui/Form.tsx';
import { useT } from './i18n.ts';
import { type LiftMode, RestrictionFields, type RestrictionInput } from './restriction-fields.tsx';
import type { Offset, Overrides } from './types.ts';
import { RestrictionLifts, SurgeonBadge } from './ui-badge.tsx';
import { InlineField } from './ui-field.tsx';
import { explainFailure } from './ui-status.tsx';

interface RestrictionForm extends RestrictionInput {
  note: string;
}

/** Updates one entry of a form kept as a map by id: `patcher(setAll)(id, { note })`. */
function patcher<F>(set: Dispatch<SetStateAction<Record<string, F>>>) {
  return (id: string, patch: Partial<F>) =>
    set((all) => ({ ...all, [id]: { ...(all[id] as F), ...patch } }));
}

function weeksOf(offset: Offset | undefined): string {
  if (!offset) return '';
  if (offset.weeks !== undefined) return String(offset.weeks);
  if (offset.days !== undefined) return String(Math.round(offset.days / 7));
  if (offset.months !== undefined) return String(Math.round((offset.months * 30.4) / 7));
  return '';
}

/**
 * The plan as the patient sees it, each value marked when the surgeon set it; clinicians and
 * admins change the surgeon's overrides here (PUT replaces them all; the server audits it).
 */
export function OverridesEditor({
  patientId,
  plan,
  overrides,
  editable,
  onSaved,
}: {
  patientId: string;
  plan: RecoveryPlan;
  overrides: Overrides | undefined;
  editable: boolean;
  onSaved(): Promise<void>;
}) {
  const { t, date, lang } = useT();
  const current: Overrides = overrides ?? { restrictions: {}, milestones: {}, followUps: {} };
  const [editing, setEditing] = useState(false);
  const [restrictions, setRestrictions] = useState<Record<string, RestrictionForm>>({});
  const [followUps, setFollowUps] = useState<Record<string, { date: string; note: string }>>({});
  const [milestones, setMilestones] = useState<Record<string, { toWeeks: string; note: string }>>(
    {},
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  function start() {
    setRestrictions(
      Object.fromEntries(
        plan.restrictions.map((r) => {
          const o = current.restrictions[r.id] ?? {};
          const mode: LiftMode =
            o.lifts === 'when-cleared' || o.lifts === 'lifted'
              ? o.lifts
              : o.lifts
                ? 'weeks'
                : 'protocol';
          return [
            r.id,
            {
              maxLoadLb: o.maxLoadLb === undefined ? '' : String(o.maxLoadLb),
              mode,
              weeks: typeof o.lifts === 'object' ? weeksOf(o.lifts) : '',
              note: o.note ?? '',
            },
          ];
        }),
      ),
    );
    setFollowUps(
      Object.fromEntries(
        plan.followUps.map((f) => {
          const o = current.followUps[f.id] ?? {};
          return [f.id, { date: o.date ?? '', note: o.note ?? '' }];
        }),
      ),
    );
    setMilestones(
      Object.fromEntries(
        plan.milestones.map((m) => {
          const o = current.milestones[m.id] ?? {};
          return [m.id, { toWeeks: weeksOf(o.to), note: o.note ?? '' }];
        }),
      ),
    );
    setSaved(false);
    setError(null);
    setEditing(true);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const next: Overrides = { restrictions: {}, milestones: {}, followUps: {} };
    for (const [id, f] of Object.entries(restrictions)) {
      const entry: Overrides['restrictions'][string] = {};
      if (f.maxLoadLb.trim()) entry.maxLoadLb = Number(f.maxLoadLb);
      if (f.mode === 'weeks' && f.weeks.trim()) entry.lifts = { weeks: Number(f.weeks) };
      if (f.mode === 'when-cleared' || f.mode === 'lifted') entry.lifts = f.mode;
      if (f.note.trim()) entry.note = f.note.trim();
      if (Object.keys(entry).length > 0) next.restrictions[id] = entry;
    }
    for (const [id, f] of Object.entries(milestones)) {
      const entry: Overrides['milestones'][string] = {};
      const from = current.milestones[id]?.from;
      if (from) entry.from = from;
      if (f.toWeeks.trim()) entry.to = { weeks: Number(f.toWeeks) };
      if (f.note.trim()) entry.note = f.note.trim();
      if (entry.to || entry.note || entry.from) next.milestones[id] = entry;
    }
    for (const [id, f] of Object.entries(followUps)) {
      const entry: Overrides['followUps'][string] = {};
      if (f.date) entry.date = f.date;
      if (f.note.trim()) entry.note = f.note.trim();
      if (Object.keys(entry).length > 0) next.followUps[id] = entry;
    }
    try {
      await api.put(`/api/patients/${patientId}/overrides`, next);
      setEditing(false);
      setSaved(true);
      await onSaved();
    } catch (failure) {
      setError(explainFailure(failure, t('console.loadError')));
    }
  }

  const setR = patcher(setRestrictions);
  const setM = patcher(setMilestones);
  const setF = patcher(setFollowUps);

  return (
    <section className="card" id="plan" aria-labelledby="plan-h">
      <h2 id="plan-h">{t('patient.plan')}</h2>
      <p className="hint">{t('plan.intro')}</p>
      {saved ? <p role="status">{t('plan.saved')}</p> : null}
      {!editing ? (
        <>
          <h3>{t('plan.restrictions')}</h3>
          <ul className="plain plan-list">
            {plan.restrictions.map((r) => (
              <li key={r.id} data-set-by={r.setBy}>
                <span lang={restrictionText(lang, r).lang}>{restrictionText(lang, r).text}</span>{' '}
                <RestrictionLifts r={r} />
                {r.surgeonNote ? <p className="hint">“{r.surgeonNote}”</p> : null}
              </li>
            ))}
          </ul>
          <h3>{t('plan.milestones')}</h3>
          <ul className="plain plan-list">
            {plan.milestones.map((m) => (
              <li key={m.id} data-set-by={m.setBy}>
                <span lang={milestoneText(lang, m).lang}>{milestoneText(lang, m).text}</span>{' '}
                <span className="hint">
                  {date(m.from, 'short')} – {date(m.to, 'short')}
                </span>
                {m.setBy === 'surgeon' ? <SurgeonBadge /> : null}
                {m.surgeonNote ? <p className="hint">“{m.surgeonNote}”</p> : null}
              </li>
            ))}
          </ul>
          {editable ? (
            <button type="button" className="primary" onClick={start}>
              {t('plan.edit')}
            </button>
          ) : null}
        </>
      ) : (
        <form onSubmit={save} className="overrides">
          <fieldset>
            <legend>{t('plan.restrictions')}</legend>
            {plan.restrictions.map((r) => {
              const f = restrictions[r.id];
              if (!f) return null;
              const label = restrictionText(lang, r);
              return (
                <fieldset key={r.id} className="override">
                  <legend lang={label.lang}>{label.text}</legend>
                  <RestrictionFields
                    id={`ov-${r.id}`}
                    maxLoad={r.maxLoad}
                    value={f}
                    onChange={(patch) => setR(r.id, patch)}
                  />
                  <InlineField
                    label={t('plan.note')}
                    value={f.note}
                    onChange={(e) => setR(r.id, { note: e.target.value })}
                  />
                </fieldset>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>{t('plan.milestones')}</legend>
            {plan.milestones.map((m) => {
              const f = milestones[m.id];
              if (!f) return null;
              return (
                <fieldset key={m.id} className="override">
                  <legend lang={milestoneText(lang, m).lang}>{milestoneText(lang, m).text}</legend>
                  <InlineField
                    label={t('plan.byWeek')}
                    type="number"
                    min={0}
                    max={520}
                    value={f.toWeeks}
                    onChange={(e) => setM(m.id, { toWeeks: e.target.value })}
                  />
                  <InlineField
                    label={t('plan.note')}
                    value={f.note}
                    onChange={(e) => setM(m.id, { note: e.target.value })}
                  />
                </fieldset>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>{t('plan.followUps')}</legend>
            {plan.followUps.map((fu) => {
              const f = followUps[fu.id];
              if (!f) return null;
              return (
                <fieldset key={fu.id} className="override">
                  <legend lang={titleText(lang, 'followup', fu.id, fu.title).lang}>
                    {titleText(lang, 'followup', fu.id, fu.title).text}
                  </legend>
                  <InlineField
                    label={t('plan.booked')}
                    type="date"
                    value={f.date}
                    onChange={(e) => setF(fu.id, { date: e.target.value })}
                  />
                  <InlineField
                    label={t('plan.note')}
                    value={f.note}
                    onChange={(e) => setF(fu.id, { note: e.target.value })}
                  />
                </fieldset>
              );
            })}
          </fieldset>
          <ErrorNote error={error} />
          <div className="buttons">
            <button type="submit" className="primary">
              {t('plan.save')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('plan.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

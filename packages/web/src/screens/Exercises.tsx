import { useState } from 'react';
import {
  type ExerciseStage,
  exerciseSafety,
  exercisesFor,
  stageGoals,
  walkingProgression,
  walkingSources,
} from '../content/exercises.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { daysBetween, localDate } from '../lib/dates.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { Stmt } from '../ui/Statement.tsx';

const logKey = 'lamina.exerciseLog.v1';
type Log = Record<string, { done: string[]; walkMinutes?: number }>;

function readLog(): Log {
  try {
    return JSON.parse(localStorage.getItem(logKey) ?? '{}') as Log;
  } catch {
    return {};
  }
}

export default function Exercises({ ctx }: { ctx: PatientContext }) {
  const { t, st, date } = useI18n();
  const { plan } = ctx;
  const ptStart = plan.milestones.find((m) => m.id === 'start-physical-therapy');
  const ptDay = ptStart ? daysBetween(plan.surgery.surgeryDate, ptStart.from) : 21;
  const day = plan.dayOfRecovery;
  const current: ExerciseStage = day < ptDay ? 'early' : day < 84 ? 'mid' : 'late';
  const [stage, setStage] = useState<ExerciseStage>(current);
  const [log, setLog] = useState<Log>(readLog);
  const today = localDate(new Date());
  const done = new Set(log[today]?.done ?? []);
  const week = Math.max(1, Math.floor(day / 7) + 1);

  function toggle(id: string) {
    const next = new Set(done);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    const updated = { ...log, [today]: { ...log[today], done: [...next] } };
    localStorage.setItem(logKey, JSON.stringify(updated));
    setLog(updated);
  }

  const history = Object.entries(log)
    .filter(([, entry]) => entry.done.length > 0)
    .sort(([a], [b]) => b.localeCompare(a))
    .slice(0, 7);

  return (
    <div className="screen exercises">
      <h1>{t('exercises.title')}</h1>
      <Stmt s={exerciseSafety} className="notice" />
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('exercises.stages')}</legend>
        {(['early', 'mid', 'late'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={stage === s}
            className={stage === s ? 'on' : undefined}
            onClick={() => setStage(s)}
          >
            {t(`exercises.${s}`)}
            {s === current ? ` · ${t('exercises.now')}` : ''}
          </button>
        ))}
      </fieldset>
      <section className="card" aria-labelledby="stage-title">
        <h2 id="stage-title">{t(`exercises.${stage}`)}</h2>
        <Stmt s={stageGoals[stage]} />
        <ul className="exercise-list">
          {exercisesFor(plan.surgery.region)[stage].map((e) => {
            const name = st(e.name);
            return (
              <li key={e.id}>
                <h3 lang={name.lang}>{name.text}</h3>
                <Stmt s={e} />
                {stage === current ? (
                  <label className="check">
                    <input type="checkbox" checked={done.has(e.id)} onChange={() => toggle(e.id)} />
                    <span>{t('exercises.doneToday')}</span>
                  </label>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
      <section className="card" aria-labelledby="walk-title">
        <h2 id="walk-title">{t('exercises.walking')}</h2>
        <Stmt s={walkingSources} />
        <table className="walking">
          <thead>
            <tr>
              <th scope="col">{t('exercises.week')}</th>
              <th scope="col">{t('exercises.minutes')}</th>
              <th scope="col">{t('exercises.times')}</th>
            </tr>
          </thead>
          <tbody>
            {walkingProgression.map((row) => {
              const here = week >= row.fromWeek && (row.toWeek === undefined || week <= row.toWeek);
              return (
                <tr key={row.fromWeek} className={here ? 'here' : undefined}>
                  <th scope="row">
                    {row.toWeek === undefined
                      ? `${row.fromWeek}+`
                      : row.toWeek === row.fromWeek
                        ? row.fromWeek
                        : `${row.fromWeek}–${row.toWeek}`}
                    {here ? ` (${t('exercises.now')})` : ''}
                  </th>
                  <td>{row.minutes}</td>
                  <td>{row.times}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">{t('exercises.log')}</h2>
        <p className="hint">{t('exercises.logLocal')}</p>
        {history.length === 0 ? <p>{t('exercises.logEmpty')}</p> : null}
        <ul>
          {history.map(([day, entry]) => (
            <li key={day}>
              {date(day)}: {t('exercises.logCount', { count: entry.done.length })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

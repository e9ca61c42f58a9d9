import { currentExerciseStage } from '@lamina/pathway';
import { useCallback, useEffect, useState } from 'react';
import {
  type ExerciseStage,
  exerciseSafety,
  exercisesFor,
  stageGoals,
  walkingProgression,
  walkingSources,
} from '../content/exercises.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localDate } from '../lib/dates.ts';
import {
  type ExerciseDays,
  flushExerciseDays,
  knownDays,
  loadDays,
  logDay,
  queueOldLog,
  waitingExerciseDays,
} from '../lib/exercise-outbox.ts';
import type { PatientContext } from '../lib/patient-context.ts';
import { ExerciseArt } from '../ui/ExerciseArt.tsx';
import { ExerciseTimer } from '../ui/ExerciseTimer.tsx';
import { Stmt } from '../ui/Statement.tsx';
import { TableHead } from '../ui/TableHead.tsx';

export default function Exercises({ ctx }: { ctx: PatientContext }) {
  const { t, st, date } = useI18n();
  const { plan } = ctx;
  const patientId = ctx.me.patientId;
  const day = plan.dayOfRecovery;
  const current: ExerciseStage = currentExerciseStage(plan);
  const [stage, setStage] = useState<ExerciseStage>(current);
  const [log, setLog] = useState<ExerciseDays>(() => knownDays(patientId));
  const [waiting, setWaiting] = useState(() => waitingExerciseDays());
  const today = localDate(new Date());
  const done = new Set(log[today] ?? []);
  const week = Math.max(1, Math.floor(day / 7) + 1);

  // Send what waits, then show the server's log (what the care team sees); offline, the phone's copy.
  const sync = useCallback(async () => {
    queueOldLog(patientId, localDate(new Date()));
    await flushExerciseDays();
    try {
      setLog(await loadDays(patientId));
    } catch {
      setLog(knownDays(patientId));
    }
    setWaiting(waitingExerciseDays());
  }, [patientId]);
  useEffect(() => {
    void sync();
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [sync]);

  function toggle(id: string) {
    const next = new Set(done);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    logDay(patientId, today, [...next]);
    setLog(knownDays(patientId));
    setWaiting(waitingExerciseDays());
    void sync();
  }

  const history = Object.entries(log)
    .filter(([, entry]) => entry.length > 0)
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
              <li key={e.id} data-testid={`exercise-${e.id}`}>
                <ExerciseArt exerciseId={e.id} />
                <h3 lang={name.lang}>{name.text}</h3>
                <Stmt s={e} />
                {e.timer ? <ExerciseTimer timer={e.timer} name={name.text} /> : null}
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
          <TableHead
            columns={[t('exercises.week'), t('exercises.minutes'), t('exercises.times')]}
          />
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
        <p className="hint">{t('exercises.logShared')}</p>
        {waiting.some((w) => w.patientId === patientId && !w.refused) ? (
          <p className="hint" data-testid="exercise-waiting">
            {t('exercises.logWaiting')}
          </p>
        ) : null}
        {waiting
          .filter((w) => w.patientId === patientId && w.refused)
          .map((w) => (
            <p key={w.idempotencyKey} role="alert">
              {date(w.day)}: {t('exercises.logRefused', { reason: w.refused ?? '' })}
            </p>
          ))}
        {history.length === 0 ? <p>{t('exercises.logEmpty')}</p> : null}
        <ul>
          {history.map(([day, entry]) => (
            <li key={day}>
              {date(day)}: {t('exercises.logCount', { count: entry.length })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import type { ExerciseTimer as Timer } from '@lamina/pathway';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

type Phase = 'ready' | 'hold' | 'rest' | 'done';

interface State {
  phase: Phase;
  /** The repetition being done (hold) or coming next (rest), 1-based. */
  rep: number;
  /** Seconds left in a hold or rest. */
  left: number;
  running: boolean;
}

/**
 * A hold/repeat timer the patient starts: "Hold. 2 of 10." then "Relax." between repetitions.
 * Without a hold it is a counter ("I did one"). Buttons only (keyboard and screen readers work as
 * for any button); phase changes are announced in a polite live region, the seconds are not (a
 * number read out every second would drown everything else).
 */
export function ExerciseTimer({ timer, name }: { timer: Timer; name: string }) {
  const { t } = useI18n();
  const hold = timer.holdSeconds ?? 0;
  const rest = timer.restSeconds ?? 5;
  const repeats = timer.repeats;
  const [s, setS] = useState<State>({ phase: 'ready', rep: 1, left: hold, running: false });

  useEffect(() => {
    if (!s.running || hold === 0) return;
    const tick = window.setInterval(() => {
      setS((now) => {
        if (!now.running) return now;
        if (now.left > 1) return { ...now, left: now.left - 1 };
        if (now.phase === 'hold')
          return now.rep >= repeats
            ? { phase: 'done', rep: repeats, left: 0, running: false }
            : { phase: 'rest', rep: now.rep + 1, left: rest, running: true };
        return { phase: 'hold', rep: now.rep, left: hold, running: true };
      });
    }, 1000);
    return () => window.clearInterval(tick);
  }, [s.running, hold, rest, repeats]);

  const params = { rep: s.rep, repeats, hold };
  const said =
    s.phase === 'ready'
      ? t(hold > 0 ? 'timer.readyHold' : 'timer.ready', params)
      : s.phase === 'done'
        ? t('timer.done', params)
        : hold === 0
          ? t('timer.counted', { rep: s.rep - 1, repeats })
          : !s.running
            ? t('timer.paused', params)
            : s.phase === 'hold'
              ? t('timer.hold', params)
              : t('timer.rest', params);

  const start = () =>
    setS(
      hold > 0
        ? { phase: 'hold', rep: 1, left: hold, running: true }
        : { phase: 'hold', rep: 1, left: 0, running: false },
    );
  const count = () =>
    setS((now) =>
      now.rep >= repeats
        ? { phase: 'done', rep: repeats, left: 0, running: false }
        : { ...now, rep: now.rep + 1 },
    );
  const reset = () => setS({ phase: 'ready', rep: 1, left: hold, running: false });

  return (
    <fieldset className="timer">
      <legend className="visually-hidden">
        {t('timer.label')}: {name}
      </legend>
      <p className="timer-status" role="status" aria-live="polite" data-testid="timer-status">
        {said}
      </p>
      {hold > 0 && (s.phase === 'hold' || s.phase === 'rest') ? (
        <p className={`timer-clock ${s.phase}`} aria-hidden="true">
          {t('timer.secondsLeft', { count: s.left })}
        </p>
      ) : null}
      <div className="timer-buttons">
        {s.phase === 'ready' || s.phase === 'done' ? (
          <button type="button" className="primary" onClick={start}>
            {s.phase === 'done'
              ? t('timer.reset')
              : hold > 0
                ? t('timer.start')
                : t('timer.startCount')}
          </button>
        ) : hold === 0 ? (
          <button type="button" className="primary" onClick={count}>
            {t('timer.count')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => setS((now) => ({ ...now, running: !now.running }))}
          >
            {s.running ? t('timer.pause') : t('timer.resume')}
          </button>
        )}
        {s.phase === 'hold' || s.phase === 'rest' ? (
          <button type="button" onClick={reset}>
            {t('timer.reset')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

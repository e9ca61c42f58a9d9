import { exerciseById } from '@lamina/pathway';
import { useLoaded } from '../lib/use-loaded.ts';
import { useT } from './i18n.ts';
import { DataTable } from './ui-table.tsx';

/** How many of the last days the adherence line counts. */
const windowDays = 14;

interface LogDay {
  day: string;
  done: string[];
  updatedAt: string;
}

/**
 * The patient's exercise log on the console (issue 17): on how many of the last 14 days the patient
 * logged exercises, and which, for the care team and the physical therapist.
 */
export function ExerciseAdherence({ patientId }: { patientId: string }) {
  const { t, st, date } = useT();
  const { data: log, failed } = useLoaded<{ days: LogDay[]; to: string }>(
    `/api/patients/${patientId}/exercise-log`,
  );
  const from = log
    ? new Date(Date.parse(`${log.to}T00:00:00Z`) - (windowDays - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10)
    : '';
  const recent = (log?.days ?? []).filter((d) => d.day >= from && d.done.length > 0);
  return (
    <section className="card" id="exercises" aria-labelledby="exercises-h">
      <h2 id="exercises-h">{t('patient.exercises')}</h2>
      {failed ? <p role="alert">{t('console.loadError')}</p> : null}
      {log ? (
        <p data-testid="exercise-adherence">
          {recent.length === 0
            ? t('exercises.none', { window: windowDays })
            : t('exercises.adherence', { days: recent.length, window: windowDays })}
        </p>
      ) : null}
      {recent.length > 0 ? (
        <DataTable columns={[t('exercises.day'), t('exercises.count'), t('exercises.which')]}>
          {recent.map((d) => (
            <tr key={d.day}>
              <td>{date(d.day, 'short')}</td>
              <td>{d.done.length}</td>
              <td>
                {d.done
                  .map((id) => {
                    const e = exerciseById(id);
                    return e ? st(e.name).text : id;
                  })
                  .join(', ')}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <p>
        <a href={`/api/patients/${patientId}/plan.pdf`} download>
          {t('exercises.printPlan')}
        </a>
      </p>
    </section>
  );
}

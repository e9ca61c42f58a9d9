import { artFor, drawings } from '../content/exercise-art.ts';

/** The exercise's line drawing; decorative (the exercise's name is the heading beside it). */
export function ExerciseArt({ exerciseId }: { exerciseId: string }) {
  const name = artFor[exerciseId];
  if (!name) return null;
  const d = drawings[name];
  return (
    <svg
      className="exercise-art"
      viewBox="0 0 96 64"
      width="96"
      height="64"
      aria-hidden="true"
      focusable="false"
      data-art={name}
    >
      <g
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {d.heads.map(([cx, cy, r]) => (
          <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r={r} />
        ))}
        {d.lines.map((path) => (
          <path key={path} d={path} />
        ))}
        {'dashed' in d
          ? d.dashed.map((path) => (
              <path key={path} d={path} strokeDasharray="3 4" strokeWidth="1.5" />
            ))
          : null}
      </g>
    </svg>
  );
}

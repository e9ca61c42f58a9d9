/** A small line/dot chart in inline SVG: no chart library. x is the day after surgery. */
export interface Series {
  label: string;
  className: string;
  points: readonly { x: number; y: number }[];
  dotsOnly?: boolean;
}

export interface Marker {
  x: number;
  label: string;
}

export function Chart({
  title,
  summary,
  series,
  yMin,
  yMax,
  yTicks,
  xMax,
  band,
  markers = [],
}: {
  title: string;
  summary: string;
  series: readonly Series[];
  yMin: number;
  yMax: number;
  yTicks: readonly { y: number; label: string }[];
  xMax: number;
  /** The usual course, shaded: from x to x2 where the symptom usually eases. */
  band?: { x: number; x2: number; label: string };
  markers?: readonly Marker[];
}) {
  const w = 340;
  const h = 190;
  const left = 64;
  const right = 10;
  const top = 14;
  const bottom = 30;
  const sx = (x: number) => left + (Math.min(x, xMax) / Math.max(1, xMax)) * (w - left - right);
  const sy = (y: number) => top + (1 - (y - yMin) / (yMax - yMin || 1)) * (h - top - bottom);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${title}. ${summary}`}>
        {band ? (
          <g className="band">
            <rect
              x={sx(band.x)}
              y={top}
              width={Math.max(2, sx(band.x2) - sx(band.x))}
              height={h - top - bottom}
            />
            <text x={sx(band.x) + 4} y={top + 12}>
              {band.label}
            </text>
          </g>
        ) : null}
        {yTicks.map((tick) => (
          <g key={tick.label} className="tick">
            <line x1={left} x2={w - right} y1={sy(tick.y)} y2={sy(tick.y)} />
            <text x={left - 6} y={sy(tick.y) + 4} textAnchor="end">
              {tick.label}
            </text>
          </g>
        ))}
        {markers.map((m) => (
          <g key={m.label} className="marker">
            <line x1={sx(m.x)} x2={sx(m.x)} y1={top} y2={h - bottom} />
            <text x={sx(m.x) - 3} y={h - bottom - 4} textAnchor="end">
              {m.label}
            </text>
          </g>
        ))}
        <text className="axis" x={w - right} y={h - 8} textAnchor="end">
          {xMax}
        </text>
        <text className="axis" x={left} y={h - 8}>
          0
        </text>
        {series.map((s) => (
          <g key={s.label} className={`series ${s.className}`}>
            {!s.dotsOnly && s.points.length > 1 ? (
              <polyline points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
            ) : null}
            {s.points.map((p) => (
              <circle key={`${p.x}-${p.y}`} cx={sx(p.x)} cy={sy(p.y)} r={4} />
            ))}
          </g>
        ))}
      </svg>
      <p className="legend">
        {series.map((s) => (
          <span key={s.label} className={`key ${s.className}`}>
            {s.label}
          </span>
        ))}
      </p>
      <p className="summary">{summary}</p>
    </figure>
  );
}

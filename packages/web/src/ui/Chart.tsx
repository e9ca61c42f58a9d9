import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { dailyMeans, type Point, tableRows } from './chart-data.ts';

/**
 * The one recovery chart of the patient app (Recovery) and the console (PatientView): a line/dot
 * chart in inline SVG, no chart library. x is the day after surgery.
 * - Both axes are labelled; the left margin grows with the longest y label so none is cut off.
 * - Several check-ins on one day: each is a dot, the line runs through the day's mean (dailyMeans).
 * - Days with a red flag (an urgent or emergency check-in) carry a red mark at the top.
 * - "Show as a table" opens the same numbers as a table, for screen readers and for anyone who
 *   prefers numbers (issue 17).
 */
export interface Series {
  label: string;
  className: string;
  points: readonly Point[];
  dotsOnly?: boolean;
}

export interface Marker {
  x: number;
  label: string;
}

/** About how wide one character of the 11px chart text is, in SVG units. */
const charWidth = 6.4;

export function Chart({
  title,
  summary,
  series,
  yMin,
  yMax,
  yTicks,
  yLabel,
  valueText = String,
  xMax,
  band,
  markers = [],
  flagDays = [],
}: {
  title: string;
  summary: string;
  series: readonly Series[];
  yMin: number;
  yMax: number;
  yTicks: readonly { y: number; label: string }[];
  /** What the y axis measures, shown above it. */
  yLabel: string;
  /** A value as words in the table (e.g. a nerve rank as "Worse"); numbers by default. */
  valueText?: (y: number) => string;
  xMax: number;
  /** The usual course, shaded: from x to x2 where the symptom usually eases. */
  band?: { x: number; x2: number; label: string };
  markers?: readonly Marker[];
  /** Days after surgery with a red-flag check-in. */
  flagDays?: readonly number[];
}) {
  const { t } = useI18n();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const w = 340;
  const longest = Math.max(1, ...yTicks.map((tick) => tick.label.length));
  const left = Math.ceil(Math.min(120, 12 + longest * charWidth));
  const right = 12;
  const top = 26;
  const bottom = 40;
  const h = 210;
  const sx = (x: number) => left + (Math.min(x, xMax) / Math.max(1, xMax)) * (w - left - right);
  const sy = (y: number) => top + (1 - (y - yMin) / (yMax - yMin || 1)) * (h - top - bottom);
  const xTicks = [...new Set([0, Math.round(xMax / 2), xMax])];
  const flags = flagDays.filter((d) => d >= 0 && d <= xMax);
  const rows = tableRows(series, flags);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${title}. ${summary}`}>
        <text className="axis-title" x={0} y={12}>
          {yLabel}
        </text>
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
        {xTicks.map((x) => (
          <text
            key={x}
            className="axis"
            x={sx(x)}
            y={h - bottom + 14}
            textAnchor={x === 0 ? 'start' : x === xMax ? 'end' : 'middle'}
          >
            {x}
          </text>
        ))}
        <text className="axis-title" x={(left + w - right) / 2} y={h - 6} textAnchor="middle">
          {t('chart.days')}
        </text>
        {markers.map((m) => {
          // The label sits left of the line unless that would run past the plot's left edge.
          const fitsLeft = sx(m.x) - left > m.label.length * charWidth + 4;
          return (
            <g key={m.label} className="marker">
              <line x1={sx(m.x)} x2={sx(m.x)} y1={top} y2={h - bottom} />
              <text
                x={fitsLeft ? sx(m.x) - 3 : sx(m.x) + 3}
                y={h - bottom - 4}
                textAnchor={fitsLeft ? 'end' : 'start'}
              >
                {m.label}
              </text>
            </g>
          );
        })}
        {flags.map((d) => (
          <g key={d} className="flag">
            <title>{`${t('chart.redFlagDay')}: ${d}`}</title>
            <line x1={sx(d)} x2={sx(d)} y1={top} y2={h - bottom} />
            <path d={`M${sx(d) - 5},${top - 8} L${sx(d) + 5},${top - 8} L${sx(d)},${top}Z`} />
          </g>
        ))}
        {series.map((s) => {
          const line = dailyMeans(s.points);
          return (
            <g key={s.label} className={`series ${s.className}`}>
              {!s.dotsOnly && line.length > 1 ? (
                <polyline points={line.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
              ) : null}
              {s.points.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same value twice on one day is two dots
                <circle key={`${p.x}-${p.y}-${i}`} cx={sx(p.x)} cy={sy(p.y)} r={4} />
              ))}
            </g>
          );
        })}
      </svg>
      <p className="legend">
        {series.map((s) => (
          <span key={s.label} className={`key ${s.className}`}>
            {s.label}
          </span>
        ))}
        {flags.length > 0 ? <span className="key flag">{t('chart.redFlagDay')}</span> : null}
      </p>
      <p className="summary">{summary}</p>
      {rows.some((r) => r.values.some((vs) => vs.length > 1)) ? (
        <p className="hint">{t('chart.severalNote')}</p>
      ) : null}
      <button
        type="button"
        className="link chart-toggle"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? t('chart.hideTable') : t('chart.showTable')}
      </button>
      <div id={tableId} className="table-wrap" hidden={!showTable}>
        {showTable ? (
          <table className="chart-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.days')}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                  </th>
                ))}
                {flags.length > 0 ? <th scope="col">{t('chart.redFlag')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.day}>
                  <th scope="row">{r.day}</th>
                  {r.values.map((vs, i) => (
                    <td key={series[i]?.label}>{vs.length ? vs.map(valueText).join(', ') : '–'}</td>
                  ))}
                  {flags.length > 0 ? <td>{r.flag ? t('chart.redFlag') : ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </figure>
  );
}

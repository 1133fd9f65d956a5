/**
 * A tiny line of persons per period. Plain SVG rather than a chart per cell: a map has dozens
 * of them and they must render in the exports exactly as on screen.
 */
export function Sparkline({ values, width = 96, height = 22, label }: { values: readonly number[]; width?: number; height?: number; label: string }) {
  if (values.length < 2) return <svg className="sparkline" width={width} height={height} role="img" aria-label={`${label}: not enough data`} />;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

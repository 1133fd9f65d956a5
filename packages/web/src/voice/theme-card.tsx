import type { Theme } from '../api/insight-types.ts';
import { formatCount, formatPercent } from '../map/format.ts';
import { Sparkline } from '../map/sparkline.tsx';
import { changeText, moodOf } from './themes-format.ts';

const MOOD_LABEL = { negative: 'negative', neutral: 'neutral', positive: 'positive' } as const;

/** One theme: how often, how it trends, how customers feel about it, and what they wrote. */
export function ThemeCard({ theme, interval }: { theme: Theme; interval: string }) {
  const mood = moodOf(theme.sentiment.mean);
  const change = changeText(theme.change, interval);
  return (
    <li className="theme" data-theme={theme.key}>
      <header className="row">
        <h3 className="theme-label">{theme.label}</h3>
        <span className="theme-count" data-field="count">
          {formatCount(theme.count)}
        </span>
        <span className="muted small">{formatPercent(theme.share)} of texts</span>
        <span className={`mood mood-${mood}`} data-field="sentiment" title={`Mean sentiment ${theme.sentiment.mean.toFixed(2)}: ${theme.sentiment.negative} negative, ${theme.sentiment.neutral} neutral, ${theme.sentiment.positive} positive`}>
          {MOOD_LABEL[mood]} ({theme.sentiment.mean >= 0 ? '+' : ''}
          {theme.sentiment.mean.toFixed(2)})
        </span>
        <span className="spacer" />
        <Sparkline values={theme.trend.map((p) => p.count)} width={110} label={`Texts about ${theme.label} per ${interval}`} />
        {change && <span className="small muted">{change}</span>}
      </header>
      {theme.phrases.length > 1 && (
        <div className="small muted">
          Also: {theme.phrases.slice(1, 5).map((p) => `${p.text} (${p.count})`).join(', ')}
        </div>
      )}
      <ul className="verbatims">
        {theme.examples.slice(0, 3).map((e) => (
          <li key={e.id} className={`verbatim mood-${e.sentiment.label}`}>
            “{e.text}” <span className="muted small">{e.timestamp.slice(0, 10)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

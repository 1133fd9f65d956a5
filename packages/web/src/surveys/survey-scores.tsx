import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { SurveyDefinition } from '../api/insight-types.ts';
import { EChart } from '../charts/echart.tsx';
import { formatCount, formatPercent } from '../map/format.ts';
import { ErrorNote } from '../shell/error-note.tsx';
import { useAsync } from '../shell/use-async.ts';
import { scoreLine, surveyScoreType, type ScoreLine, type ScoreType } from './survey-draft.ts';

const SCALE: Record<ScoreType, { min: number; max: number; name: string }> = { nps: { min: -100, max: 100, name: 'NPS' }, csat: { min: 0, max: 100, name: 'CSAT %' }, ces: { min: 1, max: 7, name: 'CES' } };

/** A survey's scores over the last 90 days, week by week: responses, response rate, and the score with NPS's 95 % band. */
export function SurveyScoresView({ project, survey }: { project: string; survey: SurveyDefinition }) {
  const scores = useAsync(() => api.surveyScores(project, survey.id, { interval: 'week' }), [project, survey.id, survey.updatedAt]);
  const type = surveyScoreType(survey);
  const line = useMemo(() => (scores.data && type ? scoreLine(scores.data, type) : null), [scores.data, type]);
  if (scores.error) return <ErrorNote error={scores.error} />;
  if (!scores.data) return <p className="muted">Loading the scores…</p>;
  const o = scores.data.overall;
  return (
    <section className="analysis-body survey-scores" aria-label={`Scores of ${survey.name}`} data-testid="survey-scores">
      <div className="stat-row">
        <Stat label="responses" value={formatCount(o.responses)} field="responses" />
        <Stat label="shown" value={formatCount(o.shown)} field="shown" />
        <Stat label="response rate" value={formatPercent(o.responseRate)} field="responseRate" />
        {o.nps && <Stat label={`NPS (95 %: ${Math.round(o.nps.ci.low)} to ${Math.round(o.nps.ci.high)})`} value={String(Math.round(o.nps.score))} field="nps" />}
        {o.csat && <Stat label="CSAT" value={`${Math.round(o.csat.score)}%`} field="csat" />}
        {o.ces && <Stat label="CES" value={o.ces.score.toFixed(1)} field="ces" />}
      </div>
      {line && type && line.periods.length > 0 ? <ScoreChart line={line} type={type} /> : <p className="muted">No answers in the last 90 days.</p>}
    </section>
  );
}

function Stat({ label, value, field }: { label: string; value: string; field: string }) {
  return (
    <div className="stat">
      <span className="stat-value" data-field={field}>
        {value}
      </span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** The score per week; for NPS its confidence band drawn as a stacked area between the low and high bounds. */
function ScoreChart({ line, type }: { line: ScoreLine; type: ScoreType }) {
  const option = useMemo(() => {
    const band = type === 'nps'
      ? [
          { name: '95 % low', type: 'line', data: line.low, stack: 'ci', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false } },
          {
            name: '95 % interval',
            type: 'line',
            data: line.high.map((h, i) => (h === null || line.low[i] === null ? null : h - line.low[i]!)),
            stack: 'ci',
            stackStrategy: 'all',
            symbol: 'none',
            lineStyle: { opacity: 0 },
            areaStyle: { color: 'rgba(59, 91, 219, 0.15)' },
            tooltip: { show: false },
          },
        ]
      : [];
    return {
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: line.periods, boundaryGap: false },
      yAxis: { type: 'value', min: SCALE[type].min, max: SCALE[type].max, name: SCALE[type].name },
      series: [...band, { name: SCALE[type].name, type: 'line', data: line.values, connectNulls: false, symbolSize: 6, lineStyle: { width: 2.5, color: '#3b5bdb' }, itemStyle: { color: '#3b5bdb' } }],
    };
  }, [line, type]);
  const band = (i: number) => (line.low[i] === undefined || line.low[i] === null ? '' : ` (95 %: ${line.low[i]} to ${line.high[i]})`);
  return <EChart option={option} height={260} label={`${SCALE[type].name} per week: ${line.values.map((v, i) => `${line.periods[i]} ${v ?? 'none'}${band(i)}`).join(', ')}`} />;
}

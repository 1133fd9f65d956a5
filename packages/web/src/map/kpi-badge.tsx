import type { JourneyKpi } from '@waymark/core';
import type { KpiNumbers } from '../api/types.ts';
import { Icon } from '../shell/icons.tsx';
import { formatChange, formatMetric, STATUS_LABEL } from './format.ts';

/**
 * A KPI: its value coloured by status, with the status in words too (colour is never the only
 * cue). The value opens the analysis behind it; the bubble its comments.
 */
export function KpiBadge({ kpi, numbers, against, onOpen, onComment, comments }: { kpi: JourneyKpi; numbers: KpiNumbers | undefined; against: string; onOpen: () => void; onComment: () => void; comments: number }) {
  const status = numbers?.status ?? 'no_data';
  const target = `${kpi.direction === 'higher_is_better' ? '≥' : '≤'} ${formatMetric(kpi.metric, kpi.target, kpi.unit)}`;
  const change = numbers?.change ?? null;
  return (
    <div className={`kpi kpi-${status}`} data-kpi={kpi.id} data-status={status}>
      <button type="button" className="kpi-main" title={`${kpi.name}: target ${target}${change === null ? '' : `; ${formatChange(change)} against ${against}`}`} onClick={onOpen}>
        <span className="kpi-line">
          <span className="kpi-name">{kpi.name}</span>
          <span className="kpi-value" data-value>
            {formatMetric(kpi.metric, numbers?.value, kpi.unit)}
          </span>
        </span>
        <span className="kpi-line">
          <span className="kpi-status">{STATUS_LABEL[status]}</span>
          <span className="kpi-meta">
            target {target}
            {change !== null && <> · {formatChange(change)}</>}
          </span>
        </span>
      </button>
      <button type="button" className="icon-button kpi-comment" onClick={onComment} aria-label={`Comments on ${kpi.name}`}>
        <Icon name="comment" size={12} />
        {comments > 0 ? comments : ''}
      </button>
    </div>
  );
}

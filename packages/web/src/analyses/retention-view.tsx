import type { RetentionResult } from '@waymark/core';
import { formatPercent } from '../map/format.ts';
import { PersonsLink } from './persons-link.tsx';

/**
 * Retention cohorts as a heat map table: darker is more persons coming back. A cohort's size and
 * each cell with persons in it list those persons (`onPersons`).
 */
export function RetentionView({ result, onPersons }: { result: RetentionResult; onPersons: (cohort: string, period?: number) => void }) {
  const periods = Array.from({ length: result.periods + 1 }, (_, k) => k);
  return (
    <div className="analysis retention" data-testid="retention">
      <table className="table heatmap">
        <thead>
          <tr>
            <th>Cohort ({result.interval})</th>
            <th>Persons</th>
            {periods.map((k) => (
              <th key={k}>{k === 0 ? 'same' : `+${k}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.cohorts.map((c) => (
            <tr key={c.cohort} data-cohort={c.cohort}>
              <td>{c.cohort}</td>
              <td data-field="size">
                <PersonsLink count={c.size} onClick={() => onPersons(c.cohort)}>
                  {c.size}
                </PersonsLink>
              </td>
              {periods.map((k) => {
                const rate = c.rates[k] ?? 0;
                return (
                  <td key={k} data-field={`returned-${k}`} style={{ background: `rgba(59, 91, 219, ${Math.min(1, rate * 1.6).toFixed(2)})`, color: rate > 0.35 ? '#fff' : undefined }} title={`${c.returned[k] ?? 0} of ${c.size}`}>
                    {c.size ? (
                      <PersonsLink count={c.returned[k] ?? 0} onClick={() => onPersons(c.cohort, k)}>
                        {formatPercent(rate)}
                      </PersonsLink>
                    ) : (
                      '–'
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

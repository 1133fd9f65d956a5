import { formatCount } from '../map/format.ts';

/** Showing more of a split's values: how many, and the page's change that asks for them. */
export interface MoreValues {
  readonly count: number;
  readonly show: () => void;
}

/** What a split leaves out past its limit (shown biggest first), and a button to show more of it. */
export function ValuesLeftOut({ shown, leftOut, ranked, more }: { shown: number; leftOut: number; ranked: string; more: MoreValues | undefined }) {
  if (leftOut <= 0) return null;
  return (
    <span data-testid="values-left-out">
      {` Shown: the ${formatCount(shown)} values with the most ${ranked}; ${formatCount(leftOut)} more are left out. `}
      {more && (
        <button type="button" className="link" onClick={more.show}>
          Show {formatCount(Math.min(more.count, shown + leftOut))}
        </button>
      )}
    </span>
  );
}

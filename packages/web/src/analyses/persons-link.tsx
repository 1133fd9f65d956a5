import type { ReactNode } from 'react';

/** A number in a table that lists the persons behind it when clicked (nothing to list: just the number). */
export function PersonsLink({ count, onClick, children }: { count: number; onClick: () => void; children: ReactNode }) {
  if (count <= 0) return <>{children}</>;
  return (
    <button type="button" className="cell-link" onClick={onClick}>
      {children}
    </button>
  );
}

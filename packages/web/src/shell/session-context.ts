import { createContext, useContext } from 'react';
import type { ProjectRef, Session } from '../api/types.ts';

export interface AppContext {
  readonly session: Session;
  readonly project: ProjectRef;
  /** Owners and editors change maps; viewers only look. */
  readonly canEdit: boolean;
}

export const SessionContext = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useApp outside a signed-in page');
  return context;
}

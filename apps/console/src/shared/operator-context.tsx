import type { Operator, Permission } from '@quanzi/contracts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api';

interface OperatorState {
  operator: Operator | null;
  loading: boolean;
  setOperator(op: Operator | null): void;
  /** Asks the server who is signed in (after a socket says the session ended): null shows the login. */
  refresh(): Promise<void>;
  can(permission: Permission): boolean;
}

const OperatorContext = createContext<OperatorState | null>(null);

export function OperatorProvider({ children }: { children: ReactNode }) {
  const [operator, setOperator] = useState<Operator | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(
    () => api<Operator>('GET', '/me', undefined, { redirectOn401: false }).then(setOperator, () => setOperator(null)),
    [],
  );
  useEffect(() => {
    void refresh().finally(() => setLoading(false));
  }, [refresh]);
  const can = useCallback((permission: Permission) => !!operator?.permissions.includes(permission), [operator]);
  return <OperatorContext.Provider value={{ operator, loading, setOperator, refresh, can }}>{children}</OperatorContext.Provider>;
}

export function useOperator(): OperatorState {
  const state = useContext(OperatorContext);
  if (!state) throw new Error('useOperator outside OperatorProvider');
  return state;
}

import type { Operator, Permission } from '@quanzi/contracts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api';

interface OperatorState {
  operator: Operator | null;
  loading: boolean;
  setOperator(op: Operator | null): void;
  can(permission: Permission): boolean;
}

const OperatorContext = createContext<OperatorState | null>(null);

export function OperatorProvider({ children }: { children: ReactNode }) {
  const [operator, setOperator] = useState<Operator | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api<Operator>('GET', '/me', undefined, { redirectOn401: false })
      .then(setOperator, () => setOperator(null))
      .finally(() => setLoading(false));
  }, []);
  const can = useCallback((permission: Permission) => !!operator?.permissions.includes(permission), [operator]);
  return <OperatorContext.Provider value={{ operator, loading, setOperator, can }}>{children}</OperatorContext.Provider>;
}

export function useOperator(): OperatorState {
  const state = useContext(OperatorContext);
  if (!state) throw new Error('useOperator outside OperatorProvider');
  return state;
}

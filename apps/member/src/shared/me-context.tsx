import type { MemberProfile } from '@quanzi/contracts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api';

interface MeState {
  me: MemberProfile | null;
  loading: boolean;
  refresh(): Promise<void>;
  setMe(me: MemberProfile | null): void;
}

const MeContext = createContext<MeState | null>(null);

/** The signed-in member, loaded once and refreshed after every change the member makes. */
export function MeProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MemberProfile | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      // A visitor without a session is normal here (register, agreements): no redirect.
      setMe(await api<MemberProfile>('GET', '/me', undefined, { redirectOn401: false }));
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <MeContext.Provider value={{ me, loading, refresh, setMe }}>{children}</MeContext.Provider>;
}

export function useMe(): MeState {
  const state = useContext(MeContext);
  if (!state) throw new Error('useMe outside MeProvider');
  return state;
}

import { SpinLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from './me-context';

/** Pages behind login send a visitor to /login and bring them back afterwards. */
export function RequireMember({ children }: { children: ReactNode }) {
  const { me, loading } = useMe();
  const location = useLocation();
  if (loading) {
    return (
      <div className="center">
        <SpinLoading color="primary" />
      </div>
    );
  }
  // The whole location, query included: a product card's ?source= must survive the detour through login.
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

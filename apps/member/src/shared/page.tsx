import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/** A secondary page: title bar with a back arrow, then content. */
export function Page({ title, children, back = -1 }: { title: string; children: ReactNode; back?: string | -1 }) {
  const navigate = useNavigate();
  return (
    <div className="page">
      <NavBar onBack={() => (back === -1 ? navigate(-1) : navigate(back))} style={{ background: '#fff' }}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}

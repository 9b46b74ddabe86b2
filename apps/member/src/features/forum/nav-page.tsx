import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/**
 * A secondary page like shared/page.tsx, with room for actions on the right of the title bar.
 * `back` goes to a fixed path when the page may be the first one opened (a shared link, a notice).
 */
export function NavPage({
  title,
  right,
  back = -1,
  children,
  className,
}: {
  title: ReactNode;
  right?: ReactNode;
  back?: string | -1;
  children: ReactNode;
  className?: string;
}) {
  const navigate = useNavigate();
  const goBack = () => {
    // Opened directly (no history inside the app): fall back to the section's home.
    if (back === -1 && window.history.state?.idx > 0) navigate(-1);
    else navigate(back === -1 ? '/community' : back);
  };
  return (
    <div className={`page ${className ?? ''}`}>
      <NavBar onBack={goBack} right={right} style={{ background: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}

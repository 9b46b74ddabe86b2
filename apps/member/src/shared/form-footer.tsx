import { Button } from 'antd-mobile';
import type { ReactNode } from 'react';

/** The primary button of a form, the server's error under it, and anything that follows. */
export function FormFooter({
  label,
  submitting,
  error,
  color = 'primary',
  children,
}: {
  label: string;
  submitting: boolean;
  error?: string | undefined;
  color?: 'primary' | 'danger';
  children?: ReactNode;
}) {
  return (
    <>
      <Button block type="submit" color={color} size="large" loading={submitting}>
        {label}
      </Button>
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
      {children}
    </>
  );
}

import { useState } from 'react';
import { errorMessage } from './api';

/**
 * The submit cycle every form shares: a busy flag for the button and the server's message (already
 * in the member's language) for the line under it.
 */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (...args: A) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };
  return { submit, submitting, error };
}

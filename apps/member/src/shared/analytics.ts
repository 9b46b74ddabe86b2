import { startBrowserAnalytics, type Analytics } from '@quanzi/analytics-sdk';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/** The member app's analytics: page views per route, clicks on `data-track` elements, identify at login/registration. */
let instance: Analytics | null = null;
export function analytics(): Analytics | null {
  if (instance) return instance;
  if (typeof window === 'undefined' || typeof localStorage === 'undefined') return null;
  try {
    instance = startBrowserAnalytics();
  } catch {
    instance = null; // storage disabled: no analytics, the app works as before
  }
  return instance;
}

/** Stitches this browser's anonymous id to the member who just signed in or up (their earlier visits count as theirs). */
export const identifyMember = (): void => void analytics()?.identify();

export function PageViews() {
  const { pathname } = useLocation();
  useEffect(() => {
    analytics()?.page(pathname);
  }, [pathname]);
  return null;
}

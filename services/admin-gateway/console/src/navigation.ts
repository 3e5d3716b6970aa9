import { useSyncExternalStore } from 'react';

/** Client-side navigation without a router library: the path is the page. */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

const subscribe = (cb: () => void) => {
  window.addEventListener('popstate', cb);
  return () => window.removeEventListener('popstate', cb);
};

export const usePath = () => useSyncExternalStore(subscribe, () => window.location.pathname);

'use client';
// C16: the technician's consent to share their location, kept on this device (localStorage) and off
// until they turn it on. <LocationConsent /> is the switch for the app's profile view; useLiveLocation
// (./use-live-location.ts) reads the same choice and starts or stops at once when it changes.
import { useId, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { afterLoad } from '@/lib/after-load';
import type { LiveLocationError, LiveLocationStatus } from './use-live-location';

const CONSENT_KEY = 'antena.locationConsent';
const CONSENT_EVENT = 'antena:location-consent';

function storedConsent(): boolean {
  try {
    return window.localStorage.getItem(CONSENT_KEY) === 'on';
  } catch {
    return false;
  }
}

// The page's first read of localStorage loads the origin's storage from disk, synchronously (about
// 7 ms of the main thread in a fresh profile, measured inside React's hydration of /tech). The choice
// is read once the page has loaded and is idle, then kept here; until then it counts as not given.
let consentCache: boolean | null = null;

function readConsent(): boolean {
  return consentCache ?? false;
}

function subscribeConsent(onChange: () => void): () => void {
  const refresh = () => {
    consentCache = storedConsent();
    onChange();
  };
  // This tab changed it (our own event); another tab's change comes as the storage event — whose first
  // listener, like the first read, makes the page open the origin's storage (6–12 ms of the main thread
  // in a CPU profile of /tech's start), so it is added with the first read, once the page is idle.
  window.addEventListener(CONSENT_EVENT, refresh);
  let listening = false;
  const cancel = afterLoad(() => {
    window.addEventListener('storage', refresh);
    listening = true;
    if (consentCache === null) refresh();
  });
  return () => {
    window.removeEventListener(CONSENT_EVENT, refresh);
    if (listening) window.removeEventListener('storage', refresh);
    cancel();
  };
}

/** The technician's consent on this device (false on the server and until they give it), and its setter. */
export function useLocationConsent(): [boolean, (on: boolean) => void] {
  const consent = useSyncExternalStore(subscribeConsent, readConsent, () => false);
  const set = (on: boolean) => {
    try {
      if (on) window.localStorage.setItem(CONSENT_KEY, 'on');
      else window.localStorage.removeItem(CONSENT_KEY);
    } catch {
      // Storage refused (private mode, a full quota): the choice stays as it was.
    }
    window.dispatchEvent(new Event(CONSENT_EVENT));
  };
  return [consent, set];
}

/**
 * The switch "Compartir mi ubicación con la oficina", with what it means. `status` and `error` (from
 * useLiveLocation) add a line saying what is happening now — searching, sharing, refused by the
 * browser, outside working hours, no fix yet.
 */
export function LocationConsent({ status, error }: { status?: LiveLocationStatus; error?: LiveLocationError } = {}) {
  const t = useTranslations('positions');
  const [consent, setConsent] = useLocationConsent();
  const id = useId();
  const line = status === 'paused' ? null : (error === 'unavailable' || error === 'timeout') && status !== 'off' && status !== 'outsideHours' ? 'unavailable' : (status ?? null);
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">{t('consent.label')}</label>
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={`${id}-help`}
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          className="h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 transition-colors before:block before:h-5 before:w-5 before:translate-x-0.5 before:rounded-full before:bg-white before:shadow before:transition-transform checked:bg-brand-600 checked:before:translate-x-[1.375rem] focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        />
      </div>
      <p id={`${id}-help`} className="text-xs text-slate-600">{t('consent.help')}</p>
      {line ? <p role="status" className="text-xs text-slate-700">{t(`status.${line}`)}</p> : null}
    </div>
  );
}

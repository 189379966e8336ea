'use client';
// C16 in the technician app: while the app is open (the page visible), with the technician's consent
// and during working hours, watch the device's position and report it to the office — at most once a
// minute unless the technician moved 100 m (the server throttles the same way). The position is also
// what the map's blue dot and "Mi ruta" start from.
//
// Consent is the technician's choice on this device (localStorage, off until they turn it on), made
// with <LocationConsent /> (./location-consent.tsx, exported from here too). Working hours are the
// caller's to decide (the tenant's settings and time zone) and pass in; the server refuses to store
// a position outside them too.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PositionReport } from './offline/protocol';
import { dueForReport } from '@/lib/live-location';
import { useLocationConsent } from './location-consent';

export { LocationConsent, useLocationConsent } from './location-consent';

export type LivePosition = { lat: number; lng: number; accuracy: number; at: Date };
export type LiveLocationStatus =
  /** No consent on this device. */
  | 'off'
  /** Consent, but outside working hours: nothing is watched or sent. */
  | 'outsideHours'
  /** The page is hidden (the app in the background): watching resumes when it is shown again. */
  | 'paused'
  /** The device has no geolocation. */
  | 'unsupported'
  /** The browser's permission was refused. */
  | 'denied'
  /** Watching, no position yet. */
  | 'waiting'
  /** Watching, with a position. */
  | 'watching';
export type LiveLocationError = 'denied' | 'unavailable' | 'timeout' | 'unsupported' | null;

function usePageVisible(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      document.addEventListener('visibilitychange', onChange);
      return () => document.removeEventListener('visibilitychange', onChange);
    },
    () => document.visibilityState !== 'hidden',
    () => true,
  );
}

/**
 * Watches and reports the technician's position while allowed. `withinWorkingHours`: whether now is
 * within the tenant's working hours (the caller re-renders when that changes).
 */
export function useLiveLocation({ withinWorkingHours, report: send }: { withinWorkingHours: boolean; report: ((position: PositionReport) => Promise<void>) | null }): {
  position: LivePosition | null;
  error: LiveLocationError;
  status: LiveLocationStatus;
} {
  // The device engine (which sends the reports) starts after the first view: a fix seen before it is
  // kept and reported when the engine arrives (a phone standing still may give no other for a while).
  const reporter = useRef(send);
  reporter.current = send;
  const [consent] = useLocationConsent();
  const visible = usePageVisible();
  const [position, setPosition] = useState<LivePosition | null>(null);
  const [error, setError] = useState<LiveLocationError>(null);
  const lastSent = useRef<{ lat: number; lng: number; at: number } | null>(null);
  const latest = useRef<{ lat: number; lng: number; at: number; accuracy: number } | null>(null);
  const supported = typeof navigator === 'undefined' || 'geolocation' in navigator;
  const active = consent && withinWorkingHours && visible && supported;

  /** Sends the latest fix when the engine is there and it is due (a minute or 100 m after the last one sent). */
  const report = useCallback(() => {
    const sender = reporter.current;
    const fix = latest.current;
    if (!sender || !fix || !dueForReport(lastSent.current, fix)) return;
    // Counted as sent when tried: offline, the next attempt waits for the next minute or 100 m.
    lastSent.current = { lat: fix.lat, lng: fix.lng, at: fix.at };
    sender({ latitude: fix.lat, longitude: fix.lng, accuracy: fix.accuracy, recordedAt: new Date(Math.min(fix.at, Date.now())) }).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!active) return;
    setError(null);
    const id = navigator.geolocation.watchPosition(
      (fix) => {
        latest.current = { lat: fix.coords.latitude, lng: fix.coords.longitude, at: fix.timestamp, accuracy: fix.coords.accuracy };
        setPosition({ lat: fix.coords.latitude, lng: fix.coords.longitude, accuracy: fix.coords.accuracy, at: new Date(fix.timestamp) });
        setError(null);
        report();
      },
      (failure) => setError(failure.code === failure.PERMISSION_DENIED ? 'denied' : failure.code === failure.TIMEOUT ? 'timeout' : 'unavailable'),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 60_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(id);
      latest.current = null;
    };
  }, [active, report]);

  // The engine arrived (or sharing resumed) with a fix already seen: it is sent now.
  useEffect(() => {
    if (active && send) report();
  }, [active, send, report]);

  const status: LiveLocationStatus = !consent
    ? 'off'
    : !supported
      ? 'unsupported'
      : !withinWorkingHours
        ? 'outsideHours'
        : !visible
          ? 'paused'
          : error === 'denied'
            ? 'denied'
            : position
              ? 'watching'
              : 'waiting';
  return { position: active ? position : null, error: supported ? error : 'unsupported', status };
}

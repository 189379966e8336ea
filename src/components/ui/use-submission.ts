'use client';
// One submission per form fill. A create form sends a client key made once per fill of the form:
// the server answers a repeated key with the first result instead of creating twice (a double click,
// a retry after a lost answer). The key is renewed only after a save succeeds, when the form starts
// over empty. Until the answer comes, a second submit is ignored here too — before React has even
// disabled the button.
import { useRef } from 'react';

/** A random UUID (v4); crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function useSubmission() {
  const key = useRef<string | null>(null);
  const inFlight = useRef(false);
  return {
    /**
     * Starts a submission: false while another is on its way (ignore the submit); else the form
     * fill's client key, the same one for every attempt until a save succeeds.
     */
    begin(): string | false {
      if (inFlight.current) return false;
      inFlight.current = true;
      key.current ??= newClientKey();
      return key.current;
    },
    /** The answer came: a saved form starts a new fill (a new key); a refused one keeps its key for the retry. */
    end(saved: boolean) {
      inFlight.current = false;
      if (saved) key.current = null;
    },
  };
}

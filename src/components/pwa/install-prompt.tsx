'use client';
// E1: "Instalar app" — shown only while the browser offers to install the app (beforeinstallprompt),
// never in the installed app itself (display-mode: standalone); it hides once the app is installed.
import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { Download } from 'lucide-react';
import { Button } from '@/components/ui/controls';

/** Chromium's event (not in TypeScript's DOM library). */
type BeforeInstallPromptEvent = Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }> };

// The offer is kept from the moment this module loads — the browser may make it before React hydrates.
let offer: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
function setOffer(next: BeforeInstallPromptEvent | null) {
  offer = next;
  for (const listener of listeners) listener();
}
const standalone = () => window.matchMedia('(display-mode: standalone)').matches;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // The app offers it with its own button instead of the browser's mini-infobar.
    event.preventDefault();
    if (!standalone()) setOffer(event as BeforeInstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => setOffer(null));
  window.matchMedia('(display-mode: standalone)').addEventListener('change', (query) => {
    if (query.matches) setOffer(null);
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function InstallPrompt() {
  const t = useTranslations('common');
  const current = useSyncExternalStore(subscribe, () => offer, () => null);
  if (!current) return null;
  return (
    <div className="fixed bottom-20 right-4 z-[950]">
      <Button
        className="shadow-lg"
        onClick={async () => {
          // An offer prompts once: whatever the answer, the button goes (the browser may offer again later).
          setOffer(null);
          await current.prompt();
        }}
      >
        <Download aria-hidden className="h-4 w-4" />
        {t('installApp')}
      </Button>
    </div>
  );
}

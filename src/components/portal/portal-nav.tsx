'use client';
// The portal's bottom bar (F9–F12), thumb-first on a phone: home, invoices, tickets, profile.
// Its pages are read ahead when a finger or pointer reaches a link (Next.js's hover-triggered prefetch),
// not all at once while the page loads: three pages rendered by the server and read by the phone
// during its own start, for a customer who usually opens one of them or none.
import { useState } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FileText, House, LifeBuoy, UserRound } from 'lucide-react';

const NAV = [
  { name: 'home', href: '/portal', icon: House },
  { name: 'invoices', href: '/portal/invoices', icon: FileText },
  { name: 'tickets', href: '/portal/tickets', icon: LifeBuoy },
  { name: 'profile', href: '/portal/profile', icon: UserRound },
] as const;

/** A link whose page is prefetched once the customer shows intent: touching, pointing at or focusing it. */
function IntentLink(props: React.ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return <Link {...props} prefetch={intent ? null : false} onTouchStart={show} onPointerEnter={show} onFocus={show} />;
}

export function PortalNav() {
  const t = useTranslations('portal');
  const path = usePathname();
  const active = NAV.findLast((n) => path === n.href || path.startsWith(`${n.href}/`))?.name;
  return (
    <nav aria-label={t('nav.label')} className="fixed inset-x-0 bottom-0 z-[900] border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)]">
      <ul className="mx-auto flex max-w-md justify-around">
        {NAV.map(({ name, href, icon: Icon }) => (
          <li key={name}>
            <IntentLink
              href={href}
              aria-current={active === name ? 'page' : undefined}
              className={`flex min-w-16 flex-col items-center px-2 py-2 text-xs ${active === name ? 'font-semibold text-brand-800' : 'text-slate-700'}`}
            >
              <Icon aria-hidden className="h-5 w-5" />
              {t(`nav.${name}`)}
            </IntentLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

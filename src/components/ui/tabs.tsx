'use client';
// Tabs on Radix's primitive (the WAI-ARIA tabs pattern): role=tab / tablist / tabpanel, each tab's
// aria-controls naming its panel, one Tab stop for the list (roving tabindex) and the arrow keys,
// Home and End moving between tabs. A tab may be a link (`href`): the URL is then the state — the
// arrow keys move the focus, Enter follows the link — so it can be opened in a new tab, shared and
// reloaded like any page. Only the selected tab's panel is rendered.
import Link from 'next/link';
import type { ReactNode } from 'react';
import * as Radix from '@radix-ui/react-tabs';

export type TabItem = { value: string; label: ReactNode; href?: string };

const TAB =
  '-mb-px inline-flex items-center whitespace-nowrap rounded-t-md border border-transparent px-4 py-2 text-sm font-medium text-slate-700 hover:text-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 aria-selected:border-slate-200 aria-selected:border-b-white aria-selected:bg-white aria-selected:text-brand-800';

/** The tabs' state: `value` is the selected tab; `onValueChange` is called with a button tab's value. */
export function Tabs({ value, onValueChange, children, className }: { value: string; onValueChange?: (value: string) => void; children: ReactNode; className?: string }) {
  return (
    <Radix.Root value={value} onValueChange={onValueChange} className={className}>
      {children}
    </Radix.Root>
  );
}

/** The row of tabs, named for assistive technology by `label`. On a narrow screen the tabs wrap. */
export function TabList({ label, items, className = '' }: { label: string; items: TabItem[]; className?: string }) {
  return (
    <Radix.List aria-label={label} className={`flex flex-wrap gap-1 border-b border-slate-200 ${className}`}>
      {items.map((item) =>
        item.href ? (
          <Radix.Trigger key={item.value} value={item.value} asChild className={TAB}>
            <Link href={item.href}>{item.label}</Link>
          </Radix.Trigger>
        ) : (
          <Radix.Trigger key={item.value} value={item.value} className={TAB}>
            {item.label}
          </Radix.Trigger>
        ),
      )}
    </Radix.List>
  );
}

/** The selected tab's panel (its tab's aria-controls points here; it is labelled by its tab). */
export function TabPanel({ value, children, className = '' }: { value: string; children: ReactNode; className?: string }) {
  return (
    <Radix.Content value={value} className={`focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${className}`}>
      {children}
    </Radix.Content>
  );
}

'use client';
// E2: the visit's day and slot, on the tenant's clock (the server turns them into instants in the
// tenant's time zone). An empty day means no visit.
import { useTranslations } from 'next-intl';
import { TextInput } from '@/components/ui/controls';
import type { Visit } from '@/lib/visits';

type Errors = { field: (name: string) => string | undefined };

export function VisitFields({ visit, errors }: { visit: Visit | null; errors: Errors }) {
  const tv = useTranslations('ticketView');
  return (
    <fieldset className="grid grid-cols-3 gap-2 md:col-span-2" aria-label={tv('visit')}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{tv('visit')}</legend>
      <TextInput label={tv('visitDate')} name="visitDate" type="date" defaultValue={visit?.date ?? ''} error={errors.field('visit.date') ?? errors.field('visit')} />
      <TextInput label={tv('visitFrom')} name="visitFrom" type="time" defaultValue={visit?.from ?? '09:00'} error={errors.field('visit.from')} />
      <TextInput label={tv('visitTo')} name="visitTo" type="time" defaultValue={visit?.to ?? '12:00'} error={errors.field('visit.to')} />
    </fieldset>
  );
}

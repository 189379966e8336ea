'use client';
// C10: shown in the ticket's edit form when the chosen state finishes or closes the ticket — a closing
// comment (public: the customer reads it), and whether to e-mail it and/or the work history to the
// customer. The save sends them with the state change (tickets.update's `closing`).
import { useTranslations } from 'next-intl';
import { Checkbox, TextArea } from '@/components/ui/controls';

export type ClosingForm = { comment?: string; emailComment: boolean; emailHistory: boolean };

/** What the form's closing fields hold, or nothing when none was used. */
export function closingFrom(f: FormData): ClosingForm | undefined {
  const comment = String(f.get('closingComment') ?? '').trim();
  const closing = { ...(comment ? { comment } : {}), emailComment: f.get('closingEmailComment') === 'on', emailHistory: f.get('closingEmailHistory') === 'on' };
  return closing.comment || closing.emailComment || closing.emailHistory ? closing : undefined;
}

export function ClosingFields({ stage, customer, errors }: { stage: 'FINISHED' | 'CLOSED'; customer: { emails: string[] } | null; errors: { field: (name: string) => string | undefined } }) {
  const tv = useTranslations('ticketView');
  const email = customer?.emails[0];
  const problem = errors.field('closing');
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-describedby={problem ? 'closing-error' : undefined}>
      <legend className="px-1 text-sm font-semibold text-slate-700">{tv(`closing.legend.${stage}`)}</legend>
      <TextArea label={tv('closing.comment')} name="closingComment" rows={3} error={errors.field('closing.comment')} />
      {customer ? (
        <>
          <Checkbox label={tv('closing.emailComment')} name="closingEmailComment" />
          <Checkbox label={tv('closing.emailHistory')} name="closingEmailHistory" />
          <p className="text-xs text-slate-600">{email ? tv('closing.sentTo', { email }) : tv('closing.noEmail')}</p>
        </>
      ) : (
        <p className="text-xs text-slate-600">{tv('closing.noCustomer')}</p>
      )}
      {problem ? <p id="closing-error" role="alert" className="text-sm text-red-700">{problem}</p> : null}
    </fieldset>
  );
}

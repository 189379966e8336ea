'use client';
// H5: rating a closed ticket 1–5 with an optional comment — through the signed link (no sign-in:
// `token`) or signed in from the portal (`ticketId`). The server refuses a forged, used or expired
// link, a ticket not closed or already rated, and anything but 1–5.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, TextArea } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';

export function RatingFields({ rating, setRating, comment, setComment, error }: { rating: number | null; setRating: (n: number) => void; comment: string; setComment: (c: string) => void; error?: string }) {
  const t = useTranslations('survey');
  return (
    <>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t('rating')}</legend>
        <div className="flex gap-2" role="radiogroup" aria-label={t('rating')}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={`flex h-12 w-12 cursor-pointer items-center justify-center rounded-full border text-lg font-semibold ${rating === n ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-800'}`}>
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} className="sr-only" aria-label={t('star', { count: n })} />
              <span aria-hidden="true">{n}</span>
            </label>
          ))}
        </div>
        {error ? <p className="mt-1 text-sm text-red-700">{error}</p> : null}
      </fieldset>
      <TextArea label={t('comment')} name="comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
    </>
  );
}

export function SurveyForm({ token, number, title }: { token: string; number: number; title: string }) {
  const t = useTranslations('survey');
  const trpc = useTRPC();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const answer = useMutation(trpc.survey.answer.mutationOptions());
  const errors = formErrors(answer.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    answer.mutate({ token, rating: rating ?? 0, comment: comment || undefined });
  }
  if (answer.isSuccess) return <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-800">{t('thanks')}</p>;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('title')}>
      <p className="text-sm text-slate-700">{t('ticket', { number, title })}</p>
      <p className="font-medium">{t('question', { number })}</p>
      {errors.message && !errors.field('rating') ? <Alert>{errors.message}</Alert> : null}
      <RatingFields rating={rating} setRating={setRating} comment={comment} setComment={setComment} error={errors.field('rating')} />
      <Button type="submit" className="w-full" disabled={answer.isPending}>{answer.isPending ? t('sending') : t('send')}</Button>
    </form>
  );
}

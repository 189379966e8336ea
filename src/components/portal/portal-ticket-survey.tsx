'use client';
// H5: on a closed ticket in the portal, the prompt to rate it (once), or the rating given.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { RatingFields } from './survey-form';

export function PortalTicketSurvey({ ticketId }: { ticketId: string }) {
  const t = useTranslations('survey');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const survey = useQuery(trpc.portal.survey.get.queryOptions({ ticketId }));
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const rate = useMutation(trpc.portal.survey.rate.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.portal.survey.get.queryKey({ ticketId }), data) }));
  const errors = formErrors(rate.error);
  const s = survey.data;
  if (!s) return null;
  if (s.rating) return <p role="status" className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm" data-testid="ticket-rating">{rate.isSuccess ? `${t('thanks')} ` : ''}{t('yourRating', { rating: s.rating.rating })}</p>;
  if (!s.canRate) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    rate.mutate({ ticketId, rating: rating ?? 0, comment: comment || undefined });
  }
  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3 rounded-md border border-slate-200 p-3" aria-label={t('rateThis')}>
      <p className="font-medium">{t('rateThis')}</p>
      {errors.message && !errors.field('rating') ? <Alert>{errors.message}</Alert> : null}
      <RatingFields rating={rating} setRating={setRating} comment={comment} setComment={setComment} error={errors.field('rating')} />
      <Button type="submit" className="w-full" disabled={rate.isPending}>{rate.isPending ? t('sending') : t('send')}</Button>
    </form>
  );
}

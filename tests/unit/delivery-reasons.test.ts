// Delivery reasons are stored as a code and parameters and translated where they are shown: every
// code reads in each language with its parameters filled, and the provider's own words stay as they came.
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { catalogs } from '@/i18n/catalog';
import { DELIVERY_REASON_CODES, deliveryReasonText, type DeliveryReasonCode, type DeliveryReasonParams, type ReasonTranslator } from '@/lib/delivery-reasons';

const SAMPLES: Record<DeliveryReasonCode, DeliveryReasonParams | null> = {
  noProvider: null,
  noAddress: null,
  noDevice: null,
  deviceGone: null,
  invalidPhone: { phone: '123' },
  endpointNotAllowed: null,
  timedOut: { provider: 'twilio', seconds: 15 },
  noAnswer: { provider: 'resend', detail: 'Unable to fetch data.' },
  noMessageId: { provider: 'resend', detail: '{"object":"email"}' },
  providerError: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' },
  subscriptionExpired: { status: 410 },
  unreachable: { provider: 'push', detail: 'ECONNREFUSED' },
  other: { text: 'an old reason, as it was written' },
};

function reasonsIn(locale: 'es' | 'en' | 'it') {
  const errors: unknown[] = [];
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'messageLog', onError: (e) => errors.push(e) });
  const text = (code: string | null, params: DeliveryReasonParams | null = null) => deliveryReasonText(t as unknown as ReasonTranslator, { errorCode: code, errorParams: params });
  return { text, errors };
}

describe('delivery reasons', () => {
  it.each(['es', 'en', 'it'] as const)('every code reads in %s with its parameters filled in', (locale) => {
    const { text, errors } = reasonsIn(locale);
    for (const code of DELIVERY_REASON_CODES) {
      const shown = text(code, SAMPLES[code]);
      expect(shown, code).toBeTruthy();
      expect(shown, code).not.toMatch(/messageLog|reasons\./);
      for (const value of Object.values(SAMPLES[code] ?? {})) if (typeof value === 'string' && !['twilio', 'resend', 'push'].includes(value)) expect(shown, code).toContain(value);
    }
    expect(errors).toEqual([]);
  });

  it('reads in the reader’s language, the provider named in it, the provider’s words kept', () => {
    expect(reasonsIn('es').text('noProvider')).toBe('No enviado: no hay un proveedor configurado.');
    expect(reasonsIn('it').text('noProvider')).toBe('Non inviato: nessun fornitore configurato.');
    expect(reasonsIn('en').text('noProvider')).toBe('Not sent: no provider is configured.');
    expect(reasonsIn('es').text('timedOut', { provider: 'push', seconds: 15 })).toBe('Servicio push: sin respuesta en 15 s.');
    expect(reasonsIn('it').text('providerError', SAMPLES.providerError)).toBe('Resend (errore 422): validation_error: Invalid `to` field.');
  });

  it('no reason is null; a code this version does not know shows its text, or the code', () => {
    const { text } = reasonsIn('es');
    expect(text(null)).toBeNull();
    expect(text('someFutureCode', { text: 'texto guardado' })).toBe('texto guardado');
    expect(text('someFutureCode')).toBe('someFutureCode');
  });
});

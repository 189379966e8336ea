import { describe, expect, it } from 'vitest';
import { SMS_MAX_PARTS, smsLength } from '@/lib/sms-parts';

describe('smsLength: parts as carriers count them', () => {
  it('GSM-7: 160 in one message, then 153 per part', () => {
    expect(smsLength('')).toMatchObject({ units: 0, parts: 0, unicode: false });
    expect(smsLength('x'.repeat(160))).toMatchObject({ units: 160, parts: 1, unicode: false });
    expect(smsLength('x'.repeat(161))).toMatchObject({ units: 161, parts: 2 });
    expect(smsLength('x'.repeat(306))).toMatchObject({ parts: 2 });
    expect(smsLength('x'.repeat(307))).toMatchObject({ parts: 3 });
    expect(smsLength('x').max).toBe(SMS_MAX_PARTS * 153);
  });

  it('ñ, é, ü, ¿ and ¡ are GSM; the extended characters count twice', () => {
    expect(smsLength('¿Mañana? ¡Sí, el técnico pasa por Güemes!')).toMatchObject({ unicode: true }); // í is not GSM
    expect(smsLength('¿Mañana? ¡El técnico pasa por Güemes!')).toMatchObject({ unicode: false, units: 37 });
    expect(smsLength('€[]')).toMatchObject({ unicode: false, units: 6 });
    expect(smsLength('{'.repeat(80))).toMatchObject({ units: 160, parts: 1 });
    expect(smsLength('{'.repeat(81))).toMatchObject({ units: 162, parts: 2 });
  });

  it('á, í, ó, ú or an emoji make the whole text UCS-2: 70, then 67 per part, emoji as two units', () => {
    expect(smsLength('Atención: corte programado')).toMatchObject({ unicode: true, units: 26, parts: 1 });
    expect(smsLength('ó'.repeat(70))).toMatchObject({ parts: 1 });
    expect(smsLength('ó'.repeat(71))).toMatchObject({ parts: 2 });
    expect(smsLength('ó'.repeat(135))).toMatchObject({ parts: 3 });
    expect(smsLength('📶')).toMatchObject({ unicode: true, units: 2 });
    expect(smsLength('ó').max).toBe(SMS_MAX_PARTS * 67);
  });
});

// How long an SMS is, the way carriers count it. Text in the GSM 03.38 alphabet goes as GSM-7: 160
// characters in one message, 153 per part once split (the rest carries the joining header), and
// ^ { } \ [ ~ ] | € count twice. Anything else — á, í, ó, ú, emoji — sends the whole text as UCS-2:
// 70 UTF-16 units in one message, 67 per part. The phone joins the parts; each part is billed.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

/** Parts a hand-written SMS may take (Twilio advises keeping messages within about 320 characters). */
export const SMS_MAX_PARTS = 3;

export type SmsLength = {
  /** Characters as counted: GSM-7 septets (extended ones twice), or UTF-16 units for UCS-2. */
  units: number;
  /** Messages the text is sent as. */
  parts: number;
  /** True when a character outside the GSM alphabet makes the text UCS-2. */
  unicode: boolean;
  /** The most units SMS_MAX_PARTS parts carry in this encoding. */
  max: number;
};

export function smsLength(text: string): SmsLength {
  let septets = 0;
  let unicode = false;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else {
      unicode = true;
      break;
    }
  }
  const [single, perPart] = unicode ? [70, 67] : [160, 153];
  const units = unicode ? text.length : septets;
  const parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / perPart);
  return { units, parts, unicode, max: Math.max(single, SMS_MAX_PARTS * perPart) };
}

// D3–D5: the filters of the message logs — one schema for the server's input and for the log pages,
// which keep them in the URL (so a view can be shared, reloaded and saved in "Mis filtros"). Pure: no
// database, usable in the browser.
import { z } from 'zod';

export const MESSAGE_CHANNELS = ['EMAIL', 'SMS', 'PUSH'] as const;
export const MESSAGE_STATUSES = ['SENT', 'NOT_SENT', 'FAILED', 'PENDING'] as const;
export const MESSAGE_KINDS = ['AUTOMATIC', 'MANUAL'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** The page of each log, and the scope its saved filters are kept under. */
export const CHANNEL_SLUGS = { EMAIL: 'email', SMS: 'sms', PUSH: 'push' } as const satisfies Record<MessageChannel, string>;
export const MESSAGE_FILTER_SCOPES = ['messages.email', 'messages.sms', 'messages.push'] as const;
export const filterScopeOf = (channel: MessageChannel) => `messages.${CHANNEL_SLUGS[channel]}` as (typeof MESSAGE_FILTER_SCOPES)[number];

/** A calendar day, YYYY-MM-DD, read in the tenant's time zone (whole days: from its first to its last instant). */
const ZDay = z.iso.date();

const fields = {
  status: z.enum(MESSAGE_STATUSES),
  kind: z.enum(MESSAGE_KINDS),
  from: ZDay,
  to: ZDay,
};
export type MessageFilterKey = keyof typeof fields;
export const MESSAGE_FILTER_KEYS = Object.keys(fields) as MessageFilterKey[];

export const ZMessageFilters = z.object(fields).partial();
export type MessageFilters = z.output<typeof ZMessageFilters>;

/** The filters in a log's URL (?status=NOT_SENT&from=2026-11-01); a value that does not parse is left out. */
export function messageFiltersFromParams(params: URLSearchParams): MessageFilters {
  const out: Record<string, unknown> = {};
  for (const key of MESSAGE_FILTER_KEYS) {
    const raw = params.get(key);
    if (!raw) continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as MessageFilters;
}

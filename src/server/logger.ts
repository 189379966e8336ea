// A small structured logger: JSON lines in production, readable lines in development.
type Fields = Record<string, unknown>;

function serialize(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  return out;
}

function write(level: 'info' | 'warn' | 'error', fields: Fields, message: string) {
  if (process.env.NODE_ENV === 'test' && level === 'info') return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...serialize(fields) });
  (level === 'error' ? console.error : console.log)(line);
}

export const logger = {
  info: (fields: Fields, message: string) => write('info', fields, message),
  warn: (fields: Fields, message: string) => write('warn', fields, message),
  error: (fields: Fields, message: string) => write('error', fields, message),
};

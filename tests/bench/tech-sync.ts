// Issue 16's sync targets, against the running app over loopback, as the technician app sends its
// queue: one change after another, each with its key (src/components/tech/offline/sync.ts).
//   tech.sync_50_ms — 50 queued changes (43 comments and notes, 2 state/kilometre updates, 5 photos of
//     about 3 MB each, interleaved) applied in order; target ≤ 10 s.
//   tech.sync_duplicates — over 1,000 randomized runs, each change sent 1–4 times with some of the
//     sends cut off after the request left (the answer lost on the way back), then once more until an
//     answer arrives, as the device does: how many changes the server wrote more than once (target 0).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import sharp from 'sharp';
import { Session } from './http';
import { value, type Entry } from './stats';

/** A camera-like JPEG of about `mb` megabytes: noise does not compress. */
async function photo(mb: number, seed: number): Promise<Buffer> {
  const width = 2400;
  const height = Math.round((mb * 1024 * 1024) / (width * 1.15));
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

async function multipart(files: { name: string; bytes: Buffer }[]): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: 'image/jpeg' }), f.name);
  form.append('visibility', 'TECHNICIAN');
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type')! };
}

/** Sends a request and, if `cut`, destroys the socket once the request is written: its answer is lost. */
function raw(port: number, host: string, cookie: string, path: string, body: Buffer, type: string, key: string, cut: boolean): Promise<number | 'cut'> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { host, cookie, 'content-type': type, 'idempotency-key': key, 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err) => (cut ? resolve('cut') : reject(err)));
    // Destroyed after the answer's head arrived but before its end: neither 'end' nor 'error' comes
    // (the bench waited for ever, twice). A settled promise ignores this when 'end' came first.
    req.on('close', () => cut && resolve('cut'));
    req.end(body, () => {
      if (cut) setTimeout(() => req.destroy(), Math.floor(Math.random() * 15));
    });
  });
}

export async function measureTechSync(databaseUrl: string, who: { port: number; host: string; email: string; password: string }, log: (m: string) => void): Promise<Entry[]> {
  const { port, host } = who;
  const session = new Session(port, host);
  await session.signInStaff(who.email, who.password);
  const cookie = session.cookie;
  const entries: Entry[] = [];

  // 50 changes of one afternoon without signal, sent when it returns.
  const ticket = await session.mutate<{ id: string }>('tickets.create', { title: 'Banco de sincronización', description: 'Cola de 50 cambios' });
  const { version, stateId } = await session.query<{ version: number; state: { id: string } }>('tech.ticket', { id: ticket.id }).then((t) => ({ version: t.version, stateId: t.state.id }));
  const photos = await Promise.all([1, 2, 3, 4, 5].map((i) => photo(3, i)));
  log(`tech sync: 5 photos of ${(photos.reduce((n, p) => n + p.length, 0) / 5 / 1048576).toFixed(1)} MB on average`);
  type Step = { kind: 'comment'; i: number } | { kind: 'update'; version: number; kilometres: number; stateId?: string } | { kind: 'photo'; i: number };
  const steps: Step[] = [];
  for (let i = 0; i < 43; i++) steps.push({ kind: 'comment', i });
  for (let i = 0; i < 5; i++) steps.splice(4 + i * 9, 0, { kind: 'photo', i });
  steps.push({ kind: 'update', version, kilometres: 7.5 }, { kind: 'update', version: version + 1, kilometres: 12, stateId });
  const forms = await Promise.all(photos.map((bytes, i) => multipart([{ name: `foto-${i + 1}.jpg`, bytes }])));
  const t0 = performance.now();
  for (const step of steps) {
    const key = randomUUID();
    if (step.kind === 'comment') await session.mutate('tech.send', { kind: 'comment', key, ticketId: ticket.id, body: `Cambio sin señal ${step.i}`, public: step.i % 2 === 0 });
    else if (step.kind === 'update') await session.mutate('tech.send', { kind: 'update', key, ticketId: ticket.id, version: step.version, kilometres: step.kilometres, ...(step.stateId ? { stateId: step.stateId } : {}) });
    else {
      const status = await raw(port, host, cookie, `/api/tickets/${ticket.id}/files`, forms[step.i]!.body, forms[step.i]!.type, key, false);
      if (status !== 201) throw new Error(`photo upload answered ${status}`);
    }
  }
  entries.push(value('tech.sync_50_ms', performance.now() - t0, 'ms (50 queued changes with 5 photos of ~3 MB, in order, loopback)'));

  // 1,000 randomized replays with lost answers.
  const replayTicket = await session.mutate<{ id: string }>('tickets.create', { title: 'Banco de reenvíos', description: 'Reenvíos con respuestas perdidas' });
  const small = await multipart([{ name: 'chica.jpg', bytes: await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } }).jpeg().toBuffer() }]);
  const RUNS = 1000;
  let sends = 0;
  let cuts = 0;
  const t1 = performance.now();
  for (let run = 0; run < RUNS; run++) {
    const key = randomUUID();
    const isPhoto = run % 10 === 0;
    const body = { json: { kind: 'comment', key, ticketId: replayTicket.id, body: `Reenvío ${run}`, public: run % 2 === 0 } };
    const copies = 1 + Math.floor(Math.random() * 4);
    const sendOnce = (cut: boolean) =>
      isPhoto
        ? raw(port, host, cookie, `/api/tickets/${replayTicket.id}/files`, small.body, small.type, key, cut)
        : raw(port, host, cookie, '/api/trpc/tech.send', Buffer.from(JSON.stringify(body)), 'application/json', key, cut);
    // Some copies race each other (a double send), some are cut; then the device sends until answered.
    const attempts: Promise<number | 'cut'>[] = [];
    for (let c = 0; c < copies; c++) {
      const cut = Math.random() < 0.5;
      cuts += cut ? 1 : 0;
      const p = sendOnce(cut);
      if (Math.random() < 0.5) attempts.push(p);
      else await p;
      sends++;
    }
    await Promise.all(attempts);
    const final = await sendOnce(false);
    sends++;
    if (final !== 200 && final !== 201) throw new Error(`run ${run}: the final send answered ${final}`);
  }
  const replayMs = performance.now() - t1;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const comments = await pool.query(`SELECT body, count(*)::int AS n FROM "TicketComment" WHERE "ticketId" = $1 GROUP BY body`, [replayTicket.id]);
    const files = await pool.query(`SELECT count(*)::int AS n FROM "TicketFile" WHERE "ticketId" = $1`, [replayTicket.id]);
    const duplicates = comments.rows.filter((r) => r.n > 1).length + Math.max(0, files.rows[0].n - RUNS / 10);
    const missing = RUNS - RUNS / 10 - comments.rows.length + Math.max(0, RUNS / 10 - files.rows[0].n);
    log(`tech replays: ${RUNS} runs, ${sends} sends (${cuts} cut off) in ${(replayMs / 1000).toFixed(1)} s; ${duplicates} duplicated, ${missing} missing`);
    entries.push(value('tech.sync_duplicates', duplicates, `changes written twice over ${RUNS} runs (${sends} sends, ${cuts} answers lost)`));
    entries.push(value('tech.sync_missing', missing, `changes never written over ${RUNS} runs`));
  } finally {
    await pool.end();
  }
  return entries;
}

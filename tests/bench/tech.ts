// The installable apps as a phone gets them, signed in against the running app — the technician app
// (E1, /tech, as a technician) and the customer portal (F14, /portal, as a customer); for each app `x`:
//   - x.first_load_js_kb: the JavaScript the page's HTML makes the browser load (every script it
//     references), gzipped here at level 6 as a server would send it, in KB;
//   - x.installable: Chromium's own check (DevTools' Page.getInstallabilityErrors is empty);
//   - x.lighthouse.performance / .accessibility: Lighthouse 12's mobile run (its default: a
//     Moto G-sized screen, simulated slow 4G and 4x slower CPU), the median of five runs (Lighthouse's
//     docs/variability.md: five runs' median about halves the run-to-run spread; three left 82–93 here).
//   - x.lighthouse.control_performance: the same Lighthouse run of the app's sign-in page (signed
//     out), one after each run of the app: the smallest page this stack serves, measured in the same
//     minutes on the same cores — what the machine gives any page of ours while the app is measured.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { Session } from './http';
import { value, type Entry } from './stats';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

type Options = { port: number; host: string; email: string; password: string; log: (m: string) => void; runs?: number };
type AppOptions = { scope: '/tech' | '/portal'; control: string; port: number; host: string; signIn: (session: Session) => Promise<void>; log: (m: string) => void; runs?: number };

/**
 * The scripts an HTML page makes a current browser load (script src and preloaded scripts), once
 * each; `nomodule` ones (Next.js's polyfills for browsers without modules) are skipped, as such browsers skip them.
 */
export function referencedScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(match[0]);
    if (src && !/\bnomodule\b/i.test(match[0])) found.add(src[1]!);
  }
  for (const match of html.matchAll(/<link\b[^>]*\brel="preload"[^>]*\bas="script"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0]);
    if (href) found.add(href[1]!);
  }
  return [...found].map((src) => src.replace(/&amp;/g, '&'));
}

/** The technician app, signed in as the technician `email`. */
export function measureTech({ email, password, ...rest }: Options): Promise<Entry[]> {
  return measureApp({ ...rest, scope: '/tech', control: '/login', signIn: (session) => session.signInStaff(email, password) });
}

/** The customer portal, signed in as the customer whose login (the tenant's login field) is `login`. */
export function measurePortalApp({ login, password, ...rest }: Omit<Options, 'email'> & { login: string }): Promise<Entry[]> {
  return measureApp({ ...rest, scope: '/portal', control: '/portal/login', signIn: (session) => session.signInCustomer(login, password) });
}

async function measureApp({ scope, control, port, host, signIn, log: write, runs = 5 }: AppOptions): Promise<Entry[]> {
  const session = new Session(port, host);
  await signIn(session);
  const origin = `http://${host}`;
  const entries: Entry[] = [];
  const name = scope.slice(1);
  const log = (message: string) => write(`${name}: ${message}`);

  // First-load JavaScript.
  const page = await session.fetch(scope);
  if (page.status !== 200) throw new Error(`${scope} answered ${page.status}`);
  const scripts = referencedScripts(await page.text());
  const sizes = await Promise.all(
    scripts.map(async (src) => {
      const res = await session.fetch(src);
      if (res.status !== 200) throw new Error(`${src}: ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      return { src, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
    }),
  );
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  entries.push(value(`${name}.first_load_js_kb`, total / 1024, `KB gzip (${scripts.length} scripts in ${scope}'s HTML)`));
  for (const s of [...sizes].sort((a, b) => b.gzip - a.gzip).slice(0, 5)) log(`${s.src} ${(s.gzip / 1024).toFixed(1)} KB gzip (${(s.raw / 1024).toFixed(1)} KB)`);

  const cookies = session.cookieList();
  entries.push(value(`${name}.installable`, (await installable(origin, scope, cookies, log)) ? 1 : 0, `1 = Chromium finds ${scope} installable (Page.getInstallabilityErrors empty)`));

  // Lighthouse, mobile, signed in by the session's cookie.
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const scores: { performance: number; accessibility: number }[] = [];
    const controls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${origin}${scope}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
      });
      const categories = result?.lhr.categories;
      if (!categories?.performance || !categories.accessibility || result?.lhr.runtimeError) throw new Error(`lighthouse: ${result?.lhr.runtimeError?.message ?? 'no result'}`);
      if (result!.lhr.finalDisplayedUrl && new URL(result!.lhr.finalDisplayedUrl).pathname !== scope) throw new Error(`lighthouse ended on ${result!.lhr.finalDisplayedUrl}, not ${scope} (signed out?)`);
      // BENCH_LIGHTHOUSE_DIR=dir keeps each run's report and trace for a closer look.
      if (process.env.BENCH_LIGHTHOUSE_DIR) {
        writeFileSync(path.join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}-${i + 1}.json`), JSON.stringify(result!.lhr));
        writeFileSync(path.join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}-${i + 1}.trace.json`), JSON.stringify(result!.artifacts.Trace));
      }
      const run = { performance: Math.round((categories!.performance!.score ?? 0) * 100), accessibility: Math.round((categories!.accessibility!.score ?? 0) * 100) };
      const main = mainThreadTimes(result!.artifacts.Trace.traceEvents as TraceEvent[]);
      log(
        `lighthouse run ${i + 1}: performance ${run.performance}, accessibility ${run.accessibility}; total blocking time ${result!.lhr.audits['total-blocking-time']?.displayValue ?? '?'}; ` +
          `the page's main thread ran ${main.cpu} ms of CPU over ${main.wall} ms of its tasks (a ratio far above 1 is the machine's other work taking the CPU; Lighthouse multiplies the wall time by 4)`,
      );
      if (i === 0) {
        const audits = result!.lhr.audits;
        log(`  Lighthouse's CPU benchmark index of this machine: ${result!.lhr.environment.benchmarkIndex}`);
        for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive', 'bootup-time', 'mainthread-work-breakdown']) log(`  ${id}: ${audits[id]?.displayValue ?? '?'}`);
        // Where the main thread's time went: the scripts that took longest (Lighthouse's bootup-time table), then by kind of work.
        type Row = { url?: string; total?: number; scripting?: number; scriptParseCompile?: number; groupLabel?: string; duration?: number };
        const items = (id: string) => ((audits[id]?.details as { items?: Row[] } | undefined)?.items ?? []);
        for (const row of items('bootup-time').slice(0, 6)) log(`    ${row.url}: ${Math.round(row.total ?? 0)} ms (scripting ${Math.round(row.scripting ?? 0)}, parse ${Math.round(row.scriptParseCompile ?? 0)})`);
        log(`    by kind: ${items('mainthread-work-breakdown').map((row) => `${row.groupLabel} ${Math.round(row.duration ?? 0)} ms`).join(', ')}`);
        const failing = Object.values(audits).filter((a) => a.score === 0 && result!.lhr.categories.accessibility!.auditRefs.some((r) => r.id === a.id));
        for (const a of failing) log(`  accessibility: ${a.id} — ${a.title}`);
      }
      scores.push(run);
      // The control: the sign-in page, signed out, right after.
      const signInPage = await lighthouse(`${origin}${control}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      const controlScore = signInPage?.lhr.categories.performance?.score;
      if (controlScore == null || signInPage?.lhr.runtimeError) throw new Error(`lighthouse (${control}): ${signInPage?.lhr.runtimeError?.message ?? 'no result'}`);
      if (new URL(signInPage!.lhr.finalDisplayedUrl).pathname !== control) throw new Error(`lighthouse ended on ${signInPage!.lhr.finalDisplayedUrl}, not ${control}`);
      controls.push(Math.round(controlScore * 100));
      log(`  control ${control}: performance ${controls.at(-1)}; total blocking time ${signInPage!.lhr.audits['total-blocking-time']?.displayValue ?? '?'}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    entries.push(value(`${name}.lighthouse.performance`, median(scores.map((s) => s.performance)), `score (Lighthouse 12 mobile, median of ${runs})`));
    entries.push(value(`${name}.lighthouse.accessibility`, median(scores.map((s) => s.accessibility)), `score (Lighthouse 12 mobile, median of ${runs})`));
    entries.push(value(`${name}.lighthouse.control_performance`, median(controls), `score of ${control} (signed out), run after each of the above: the machine's floor (median of ${runs})`));
  } finally {
    chrome.kill();
  }
  return entries;
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };

/**
 * The page's main thread in a Lighthouse trace (the renderer thread that ran the most): the CPU time
 * its tasks used (thread time) and their wall time. Lighthouse's simulated blocking time is made
 * from the wall time, so on a busy machine a task waiting for a core counts as blocking.
 */
export function mainThreadTimes(events: TraceEvent[]): { cpu: number; wall: number } {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = { cpu: 0, wall: 0 };
  for (const thread of mains) {
    const tasks = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask');
    const wall = tasks.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
    if (wall > best.wall) best = { cpu: tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000, wall };
  }
  return { cpu: Math.round(best.cpu), wall: Math.round(best.wall) };
}

/** Chromium's installability check of an app's page, in a persistent profile (an incognito one is never installable). */
async function installable(origin: string, scope: string, cookies: { name: string; value: string }[], log: (m: string) => void): Promise<boolean> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'antena-bench-pwa-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: FLAGS, viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  try {
    const url = new URL(origin);
    await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: url.hostname, path: '/' })));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}${scope}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    const cdp = await context.newCDPSession(page);
    let errors: { errorId: string }[] = [];
    for (let i = 0; i < 40; i++) {
      errors = ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }).installabilityErrors;
      if (errors.length === 0) return true;
      await new Promise((r) => setTimeout(r, 500));
    }
    log(`not installable: ${errors.map((e) => e.errorId).join(', ')}`);
    return false;
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

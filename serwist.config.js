// `serwist build` (run by src/cli/runtime.ts after `next build`): bundles src/app/sw.ts into public/sw.js
// with the precache manifest. public/sw.js is generated (git-ignored, and left out of the source hash
// that decides whether to rebuild).
import { existsSync, readFileSync } from 'node:fs';
import { serwist } from '@serwist/next/config';

// The files the installable apps (/tech, /portal) load, which the build lists after `next build`
// (src/cli/app-assets.ts): the worker precaches those and the apps' icons, not the whole build.
// `npm run dev` precaches nothing (NODE_ENV=development), so it needs no list.
const LIST = '.next/antena/app-assets.json';
const development = process.env.NODE_ENV === 'development';
if (!development && !existsSync(LIST)) throw new Error(`${LIST} is missing: the build writes it after next build (src/cli/runtime.ts)`);
const appAssets = development ? [] : JSON.parse(readFileSync(LIST, 'utf8'));

export default serwist({
  swSrc: 'src/app/sw.ts',
  swDest: 'public/sw.js',
  // Pages are rendered per request (the tenant, the session, the CSP nonce): none is prerendered to precache.
  precachePrerendered: false,
  // Exact paths (no pattern characters in Next.js's file names); not public/templates (downloads).
  globPatterns: [...appAssets.map((file) => `.next/${file}`), 'public/icons/*.png', 'public/icu-warm.js'],
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});

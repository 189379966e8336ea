// `serwist build` (run by src/cli/runtime.ts after `next build`): bundles src/app/sw.ts into public/sw.js
// with the precache manifest of the build's static assets. public/sw.js is generated (git-ignored, and
// left out of the source hash that decides whether to rebuild).
import { serwist } from '@serwist/next/config';

export default serwist({
  swSrc: 'src/app/sw.ts',
  swDest: 'public/sw.js',
  // Pages are rendered per request (the tenant, the session, the CSP nonce): none is prerendered to precache.
  precachePrerendered: false,
  // The build's scripts, styles, fonts and images, and the apps' icons; not public/templates (downloads).
  globPatterns: ['.next/static/**/*.{js,css,woff2,png,svg,ico,webp}', 'public/icons/*.png'],
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
});

// `npm run build`: the Next.js build and the production server's bundle, as `npm start` makes them
// when the sources changed.
import { build } from './runtime';

await build({ ...process.env, NEXT_TELEMETRY_DISABLED: '1' });

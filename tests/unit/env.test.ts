// The validated environment: every variable optional with a safe default; a bad value is refused
// at start rather than discovered by a user.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/env';

describe('environment (src/env.ts)', () => {
  it('needs nothing: the map uses OpenStreetMap’s tiles with their credit', () => {
    const e = parseEnv({});
    expect(e.MAP_TILE_URL).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(e.MAP_TILE_ATTRIBUTION).toContain('OpenStreetMap');
  });

  it.each(['https://tiles.example.com/{z}/{x}/{y}.png', 'http://127.0.0.1:9999/tiles/{z}/{x}/{y}.png', '/tiles/{z}/{x}/{y}.png', 'https://{s}.tile.example.org/{z}/{x}/{y}{r}.png?key=abc'])(
    'accepts the tile URL %s',
    (url) => expect(parseEnv({ MAP_TILE_URL: url }).MAP_TILE_URL).toBe(url),
  );

  it.each(['tiles.example.com/{z}/{x}/{y}.png', 'https://tiles.example.com/tiles.png', 'javascript:alert(1)//{z}{x}{y}', 'ftp://x/{z}/{x}/{y}', 'https:// spaced/{z}/{x}/{y}'])(
    'refuses the tile URL %s',
    (url) => expect(() => parseEnv({ MAP_TILE_URL: url })).toThrow(),
  );
});

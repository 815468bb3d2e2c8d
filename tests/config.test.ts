// loadConfig(env): the defaults, how each variable is parsed, and the error messages that make a
// bad start fail fast with the variable's name in them.
import { isAbsolute, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';

/** The ConfigError loadConfig throws for this environment, so its message can be checked. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('listens on 127.0.0.1:8787 with a SQLite file at data/candor.db and no admin token', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 8787,
      host: '127.0.0.1',
      database: { dialect: 'sqlite', file: resolve('data/candor.db') },
      adminToken: undefined,
      publicUrl: 'http://127.0.0.1:8787',
      rateLimit: 50,
      trustProxy: { kind: 'off' },
      demo: false,
      mediaDir: resolve('data/media'),
      maxImageBytes: 15 * 1024 * 1024,
      maxVideoBytes: 200 * 1024 * 1024,
      ffmpeg: 'ffmpeg',
      connections: { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, maxConnections: 2_000 },
    });
  });

  it('reads the event rate limit per address and whether to trust a proxy', () => {
    expect(loadConfig({ CANDOR_RATE_LIMIT: '0', CANDOR_TRUST_PROXY: 'true' })).toMatchObject({ rateLimit: 0, trustProxy: { kind: 'hops', hops: 1 } });
    expect(loadConfig({ CANDOR_RATE_LIMIT: '200', CANDOR_TRUST_PROXY: 'no' })).toMatchObject({ rateLimit: 200, trustProxy: { kind: 'off' } });
    expect(() => loadConfig({ CANDOR_RATE_LIMIT: '-1' })).toThrow(/CANDOR_RATE_LIMIT/);
    expect(() => loadConfig({ CANDOR_RATE_LIMIT: 'fast' })).toThrow(/CANDOR_RATE_LIMIT/);
  });

  it('reads which proxies to trust: none, a number of hops, or their addresses and networks', () => {
    const trust = (value: string) => loadConfig({ CANDOR_TRUST_PROXY: value }).trustProxy;
    for (const value of ['false', 'off', '0', 'NO']) expect(trust(value), value).toEqual({ kind: 'off' });
    for (const value of ['true', 'yes', 'on', '1']) expect(trust(value), value).toEqual({ kind: 'hops', hops: 1 });
    expect(trust('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(trust('127.0.0.1, 10.0.0.0/8,::1,fd00::/8')).toEqual({
      kind: 'networks',
      networks: [
        { family: 4, bytes: [127, 0, 0, 1], prefix: 32 },
        { family: 4, bytes: [10, 0, 0, 0], prefix: 8 },
        { family: 6, bytes: [...new Array(15).fill(0), 1], prefix: 128 },
        { family: 6, bytes: [0xfd, ...new Array(15).fill(0)], prefix: 8 },
      ],
    });
    expect(Object.isFrozen(trust('10.0.0.0/8'))).toBe(true);
  });

  it('stops the start on a trusted proxy setting it cannot read, naming the bad entry', () => {
    expect(configError({ CANDOR_TRUST_PROXY: 'maybe' }).message).toMatch(/CANDOR_TRUST_PROXY must be true, false, a number of proxies, or .*"maybe"/);
    expect(configError({ CANDOR_TRUST_PROXY: '10.0.0.0/8, 10.0.0.0/33' }).message).toMatch(/"10\.0\.0\.0\/33" is none of these/);
    expect(configError({ CANDOR_TRUST_PROXY: '127.0.0.1,,::1' }).message).toMatch(/"" is none of these/);
    expect(configError({ CANDOR_TRUST_PROXY: 'proxy.internal' }).message).toMatch(/"proxy\.internal"/);
    expect(configError({ CANDOR_TRUST_PROXY: '1000' }).message).toMatch(/CANDOR_TRUST_PROXY counts at most 32 proxies, got "1000"/);
  });

  it('reads whether to create the demo shop at start', () => {
    expect(loadConfig({ CANDOR_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ CANDOR_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ CANDOR_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ CANDOR_DEMO: ' ' }).demo).toBe(false);
    expect(() => loadConfig({ CANDOR_DEMO: 'please' })).toThrow(/CANDOR_DEMO must be true or false, got "please"/);
  });

  it('resolves the default SQLite file to an absolute path', () => {
    const { database } = loadConfig({});
    expect(database.dialect === 'sqlite' && isAbsolute(database.file)).toBe(true);
  });

  it('treats empty and blank variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '  ', CANDOR_DATABASE_URL: '', CANDOR_ADMIN_TOKEN: '', CANDOR_PUBLIC_URL: ' ' })).toEqual(loadConfig({}));
  });

  it('returns a frozen config, down to the database target', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads only the variables it is given, not process.env', () => {
    const before = process.env.PORT;
    process.env.PORT = '9999';
    try {
      expect(loadConfig({}).port).toBe(8787);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });
});

describe('PORT', () => {
  it.each([
    ['1', 1],
    ['8080', 8080],
    ['65535', 65535],
    [' 3000 ', 3000],
  ])('accepts %j as port %i', (raw, port) => {
    expect(loadConfig({ PORT: raw }).port).toBe(port);
  });

  it.each(['0', '65536', '-1', '80.5', '1e3', 'abc', '80abc', '0x50'])('refuses %j with a message naming PORT', (raw) => {
    const err = configError({ PORT: raw });
    expect(err.message).toContain('PORT');
    expect(err.message).toContain('1 to 65535');
    expect(err.message).toContain(raw);
  });
});

describe('HOST', () => {
  it('listens on the host given and shows it in the public URL', () => {
    const config = loadConfig({ HOST: '192.168.1.20', PORT: '9000' });
    expect(config.host).toBe('192.168.1.20');
    expect(config.publicUrl).toBe('http://192.168.1.20:9000');
  });

  it.each(['0.0.0.0', '::'])('shows the wildcard host %s as localhost in the public URL', (host) => {
    const config = loadConfig({ HOST: host });
    expect(config.host).toBe(host);
    expect(config.publicUrl).toBe('http://localhost:8787');
  });

  it('brackets an IPv6 host in the public URL', () => {
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:8787');
  });
});

describe('CANDOR_DATABASE_URL', () => {
  it.each(['postgres://candor:secret@db.internal:5432/candor', 'postgresql://candor@db.internal/candor', 'POSTGRES://db.internal/candor'])(
    'selects PostgreSQL for %s and keeps the URL as given',
    (url) => {
      expect(loadConfig({ CANDOR_DATABASE_URL: url }).database).toEqual({ dialect: 'postgres', url });
    },
  );

  it.each([
    ['sqlite:var/candor.db', resolve('var/candor.db')],
    ['sqlite://var/candor.db', resolve('var/candor.db')],
    ['var/candor.db', resolve('var/candor.db')],
    ['/srv/candor/candor.db', resolve('/srv/candor/candor.db')],
  ])('selects SQLite for %s, resolving the file to an absolute path', (url, file) => {
    expect(loadConfig({ CANDOR_DATABASE_URL: url }).database).toEqual({ dialect: 'sqlite', file });
  });

  it.each([':memory:', 'sqlite::memory:'])('selects an in-memory SQLite database for %s', (url) => {
    expect(loadConfig({ CANDOR_DATABASE_URL: url }).database).toEqual({ dialect: 'sqlite', file: ':memory:' });
  });

  it.each(['mysql://root@localhost/candor', 'http://db.internal/candor', 'sqlite:mysql://localhost/candor'])(
    'refuses the unknown scheme in %s with a message naming CANDOR_DATABASE_URL and the schemes it takes',
    (url) => {
      const err = configError({ CANDOR_DATABASE_URL: url });
      expect(err.message).toContain('CANDOR_DATABASE_URL');
      expect(err.message).toContain('postgres://');
      expect(err.message).toContain('sqlite:');
    },
  );

  it('does not repeat the credentials of a refused URL in its message', () => {
    const err = configError({ CANDOR_DATABASE_URL: 'mysql://root:hunter2@localhost/candor' });
    expect(err.message).toContain('mysql://');
    expect(err.message).not.toContain('hunter2');
  });

  it('refuses a PostgreSQL URL that cannot be parsed', () => {
    const err = configError({ CANDOR_DATABASE_URL: 'postgres://candor@db.internal:notaport/candor' });
    expect(err.message).toContain('CANDOR_DATABASE_URL');
    expect(err.message).toContain('PostgreSQL');
    expect(err.message).toContain('cannot be parsed');
  });

  it('refuses "sqlite:" with no file', () => {
    expect(configError({ CANDOR_DATABASE_URL: 'sqlite:' }).message).toMatch(/CANDOR_DATABASE_URL names no SQLite file/);
  });
});

describe('CANDOR_ADMIN_TOKEN', () => {
  it('takes a token of 16 characters or more as it is', () => {
    expect(loadConfig({ CANDOR_ADMIN_TOKEN: '0123456789abcdef' }).adminToken).toBe('0123456789abcdef');
  });

  it.each([
    ['a token of 15 characters', '0123456789abcde'],
    ['a token with a leading space', ' 0123456789abcdef'],
    ['a token with a trailing newline', '0123456789abcdef\n'],
  ])('refuses %s, saying how long a token must be and how to get one generated', (_, token) => {
    const err = configError({ CANDOR_ADMIN_TOKEN: token });
    expect(err.message).toContain('CANDOR_ADMIN_TOKEN');
    expect(err.message).toContain('at least 16 characters');
    expect(err.message).toContain('unset');
  });

  it('does not repeat a refused token in its message', () => {
    expect(configError({ CANDOR_ADMIN_TOKEN: 'short-secret' }).message).not.toContain('short-secret');
  });
});

describe('CANDOR_PUBLIC_URL', () => {
  it.each([
    ['https://ab.example', 'https://ab.example'],
    ['https://ab.example/', 'https://ab.example'],
    ['https://ab.example/candor/', 'https://ab.example/candor'],
    ['http://ab.example:8080//', 'http://ab.example:8080'],
    ['HTTPS://AB.Example', 'https://ab.example'],
  ])('takes %s as %s, without a trailing slash', (raw, url) => {
    expect(loadConfig({ CANDOR_PUBLIC_URL: raw }).publicUrl).toBe(url);
  });

  it('overrides the URL made from HOST and PORT', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '80', CANDOR_PUBLIC_URL: 'https://ab.example' }).publicUrl).toBe('https://ab.example');
  });

  it.each(['ftp://ab.example', 'javascript:alert(1)', 'file:///srv/candor'])('refuses %s, saying it must be http or https', (raw) => {
    const err = configError({ CANDOR_PUBLIC_URL: raw });
    expect(err.message).toContain('CANDOR_PUBLIC_URL');
    expect(err.message).toContain('http or https');
  });

  it.each(['ab.example', '/candor', 'https://'])('refuses %j, which is not an absolute URL', (raw) => {
    const err = configError({ CANDOR_PUBLIC_URL: raw });
    expect(err.message).toContain('CANDOR_PUBLIC_URL');
    expect(err.message).toContain('absolute http(s) URL');
  });

  it.each(['https://ab.example/?utm_source=x', 'https://ab.example/#top'])('refuses %s, which carries a query or fragment', (raw) => {
    const err = configError({ CANDOR_PUBLIC_URL: raw });
    expect(err.message).toContain('CANDOR_PUBLIC_URL');
    expect(err.message).toContain('query or fragment');
  });
});

describe('the media settings', () => {
  it('keeps uploads next to the SQLite file, or in data/media for PostgreSQL and an in-memory database', () => {
    expect(loadConfig({ CANDOR_DATABASE_URL: '/srv/candor/candor.db' }).mediaDir).toBe(resolve('/srv/candor/media'));
    expect(loadConfig({ CANDOR_DATABASE_URL: 'postgres://db.internal/candor' }).mediaDir).toBe(resolve('data/media'));
    expect(loadConfig({ CANDOR_DATABASE_URL: ':memory:' }).mediaDir).toBe(resolve('data/media'));
  });

  it('takes CANDOR_MEDIA_DIR, resolved to an absolute path, so several processes can share one volume', () => {
    expect(loadConfig({ CANDOR_MEDIA_DIR: '/mnt/shared/candor-media' }).mediaDir).toBe('/mnt/shared/candor-media');
    expect(loadConfig({ CANDOR_MEDIA_DIR: 'var/media' }).mediaDir).toBe(resolve('var/media'));
  });

  it('reads the caps in megabytes, fractions allowed', () => {
    expect(loadConfig({ CANDOR_MAX_IMAGE_MB: '4', CANDOR_MAX_VIDEO_MB: '500' })).toMatchObject({ maxImageBytes: 4 * 1024 * 1024, maxVideoBytes: 500 * 1024 * 1024 });
    expect(loadConfig({ CANDOR_MAX_IMAGE_MB: '0.5' }).maxImageBytes).toBe(512 * 1024);
  });

  it.each([
    ['CANDOR_MAX_IMAGE_MB', '0'],
    ['CANDOR_MAX_IMAGE_MB', '-3'],
    ['CANDOR_MAX_VIDEO_MB', 'lots'],
    ['CANDOR_MAX_VIDEO_MB', '1e3'],
    ['CANDOR_MAX_VIDEO_MB', '4096'],
  ])('refuses %s=%j with a message naming the variable and the range it takes', (name, raw) => {
    const err = configError({ [name]: raw });
    expect(err.message).toContain(name);
    expect(err.message).toContain('megabytes');
    expect(err.message).toContain(raw);
  });

  it('runs ffmpeg from the PATH for posters unless CANDOR_FFMPEG names another or turns it off', () => {
    expect(loadConfig({ CANDOR_FFMPEG: '/opt/ffmpeg/bin/ffmpeg' }).ffmpeg).toBe('/opt/ffmpeg/bin/ffmpeg');
    expect(loadConfig({ CANDOR_FFMPEG: 'off' }).ffmpeg).toBeNull();
  });
});

describe('connection limits', () => {
  it('reads the timeouts in milliseconds and the most connections open at once', () => {
    const env = { CANDOR_HEADERS_TIMEOUT_MS: '500', CANDOR_REQUEST_TIMEOUT_MS: '1500', CANDOR_KEEP_ALIVE_TIMEOUT_MS: '100', CANDOR_MAX_CONNECTIONS: '4' };
    expect(loadConfig(env).connections).toEqual({ headersTimeoutMs: 500, requestTimeoutMs: 1500, keepAliveTimeoutMs: 100, maxConnections: 4 });
  });

  it.each([
    ['CANDOR_HEADERS_TIMEOUT_MS', '0'],
    ['CANDOR_REQUEST_TIMEOUT_MS', '1.5'],
    ['CANDOR_KEEP_ALIVE_TIMEOUT_MS', 'soon'],
    ['CANDOR_MAX_CONNECTIONS', '-1'],
    ['CANDOR_REQUEST_TIMEOUT_MS', '3600001'],
  ])('refuses %s=%j with a message naming the variable', (name, raw) => {
    const err = configError({ [name]: raw });
    expect(err.message).toContain(name);
    expect(err.message).toContain(raw);
  });

  it('refuses a headers bound longer than the whole request\'s', () => {
    expect(configError({ CANDOR_HEADERS_TIMEOUT_MS: '2000', CANDOR_REQUEST_TIMEOUT_MS: '1000' }).message).toMatch(/CANDOR_HEADERS_TIMEOUT_MS.*CANDOR_REQUEST_TIMEOUT_MS/);
  });
});

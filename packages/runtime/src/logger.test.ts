import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('redacts secrets at the top level and one object down', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ service: 'test', level: 'info', destination });
    log.info({ password: 'hunter2', admin: { token: 'abc.def', name: 'ana' } }, 'login');
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ service: 'test', level: 'info', msg: 'login', password: '[redacted]' });
    expect(entry.admin).toEqual({ token: '[redacted]', name: 'ana' });
  });
});

/**
 * `pnpm dev` step: a local SMTP server that accepts every message and prints
 * its envelope and subject, so alert e-mail can be seen without a mail account.
 */
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { onStopSignal } from '@platform/runtime';

const { values } = parseArgs({ options: { port: { type: 'string', default: '2525' } } });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      const subject = /^Subject: (.*)$/im.exec(raw)?.[1] ?? '(no subject)';
      const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '?';
      console.log(`mail from ${from} to ${to}: ${subject}`);
      done();
    });
  },
});
server.listen(Number(values.port), '127.0.0.1', () => console.log(`smtp-sink listening on 127.0.0.1:${values.port}`));
onStopSignal(() => server.close(() => process.exit(0)));

import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** `file` from config, `self-signed` generated now (development). */
  source: 'file' | 'self-signed';
}

/** A throwaway certificate for localhost/127.0.0.1, valid one day. */
export async function selfSignedCertificate(): Promise<TlsMaterial> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  } as Parameters<typeof generate>[1]);
  return { key: pems.private, cert: pems.cert, source: 'self-signed' };
}

import { readFile, writeFile } from 'node:fs/promises';
import { generate } from 'selfsigned';
import type { Config } from './config.js';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** `file` from config, `self-signed` generated now (development). */
  source: 'file' | 'self-signed';
}

/**
 * The certificate the sync API serves, or undefined when plain HTTP was
 * explicitly allowed (local development only; the config refuses it in production).
 *
 * @example
 * const tls = await loadTls(config); // { key, cert, source: 'file' }
 */
export async function loadTls(config: Config): Promise<TlsMaterial | undefined> {
  if (config.EXCHANGE_TLS_CERT_FILE && config.EXCHANGE_TLS_KEY_FILE) {
    const [cert, key] = await Promise.all([readFile(config.EXCHANGE_TLS_CERT_FILE, 'utf8'), readFile(config.EXCHANGE_TLS_KEY_FILE, 'utf8')]);
    return { cert, key, source: 'file' };
  }
  if (config.EXCHANGE_TLS_SELF_SIGNED) {
    const material = await selfSignedCertificate();
    await writeFile(config.EXCHANGE_TLS_SELF_SIGNED_CERT_OUT, material.cert);
    return material;
  }
  return undefined;
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

import { readFile, writeFile } from 'node:fs/promises';
import { selfSignedCertificate, type TlsMaterial } from '@platform/exchange-server';
import type { Config } from './config.js';

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

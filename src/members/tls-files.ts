// The members area's own https: its certificate and key files, read and checked at start-up, so that a wrong path or
// file is one line naming the setting rather than a stack, or a server that fails at its first connection.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigurationError } from '../config.ts';

export type TlsPair = { cert: Buffer; key: Buffer };

export function readTlsPair(certFile: string, keyFile: string): TlsPair {
  const pair = { cert: readSetting('POSTBACK_MEMBERS_TLS_CERT', certFile), key: readSetting('POSTBACK_MEMBERS_TLS_KEY', keyFile) };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new ConfigurationError(`POSTBACK_MEMBERS_TLS_CERT and POSTBACK_MEMBERS_TLS_KEY must be a PEM certificate and its private key (${(error as Error).message})`);
  }
  return pair;
}

function readSetting(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigurationError(`${name}: cannot read ${file} (${String((error as NodeJS.ErrnoException).code)})`);
  }
}

// A venue hub's TLS identity (SPEC "The venue's network": desks talk to the hub over TLS with its
// pinned certificate). Self-signed, made by the hub at its first start and kept in its data
// folder (owner-only, like the rest of it): no authority vouches for a machine on a venue's LAN,
// so the desks trust exactly this certificate, whose fingerprint the pairing code carries. A hub
// given a new certificate (its folder lost) is refused by every desk until each is paired again.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsIdentity } from '../app';

export type HubCertificate = TlsIdentity & { fingerprint: string };

const KEY_FILE = 'hub-key.pem';
const CERT_FILE = 'hub-certificate.pem';
/** Long: a desk pins this certificate, so renewing it means pairing every desk again. */
const VALID_YEARS = 20;

/** A new self-signed certificate naming the address the hub listens on. */
export async function createHubCertificate(host: string, now: Date = new Date()): Promise<HubCertificate> {
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const altNames = [{ type: 2 as const, value: 'box-office-hub.local' }, ...(isIP(host) ? [{ type: 7 as const, ip: host }] : [{ type: 2 as const, value: host }])];
  const made = await generate([{ name: 'commonName', value: 'Box office venue hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: made.private, cert: made.cert, fingerprint: fingerprintOf(made.cert) };
}

/** The hub's certificate from `folder`, made there at the first start. */
export async function loadOrCreateHubCertificate(folder: string, host: string): Promise<HubCertificate> {
  const keyFile = join(folder, KEY_FILE);
  const certFile = join(folder, CERT_FILE);
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    return { key, cert, fingerprint: fingerprintOf(cert) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = await createHubCertificate(host);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  // Each file whole or not at all; the certificate last, so a key without it is made again.
  await writeFile(`${keyFile}.tmp`, made.key, { mode: 0o600 });
  await rename(`${keyFile}.tmp`, keyFile);
  await writeFile(`${certFile}.tmp`, made.cert, { mode: 0o600 });
  await rename(`${certFile}.tmp`, certFile);
  return made;
}

/** SHA-256 of the certificate as desks pin it (colon-separated hex, upper case). */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

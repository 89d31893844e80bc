/**
 * Keys that stay on this machine: the HMAC-SHA256 key behind agent pseudonyms (stable across
 * reports, so true-ups reconcile) and the Ed25519 key pair that signs reports. Both are made on
 * first use with node:crypto and kept in the `local_secret` table.
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { signedMessage, type ReportSignature } from '../../../shared/report/model';
import type { Connection } from '../db/connection';

const PSEUDONYM_KEY = 'pseudonym.hmac-sha256';
const SIGNING_KEY = 'report.ed25519.pkcs8';

function secret(db: Connection, name: string, make: () => Buffer): Buffer {
  const row = db.prepare('SELECT value FROM local_secret WHERE name = ?').get(name) as { value: Buffer } | undefined;
  if (row) return row.value;
  const value = make();
  // INSERT OR IGNORE then re-read: two processes racing on first use end up with the same key.
  db.prepare('INSERT OR IGNORE INTO local_secret (name, value, created_at_ms) VALUES (?, ?, ?)').run(name, value, Date.now());
  return (db.prepare('SELECT value FROM local_secret WHERE name = ?').get(name) as { value: Buffer }).value;
}

// Crockford base32: no I, L, O or U, so a pseudonym read aloud or retyped is not misread.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Pseudonymises external agent ids with the local HMAC key: `A-` and 10 base32 digits (50 bits). */
export function pseudonymizer(db: Connection): (externalKey: string) => string {
  const key = secret(db, PSEUDONYM_KEY, () => randomBytes(32));
  return (externalKey) => {
    const mac = createHmac('sha256', key).update(externalKey, 'utf8').digest();
    let bits = 0n;
    for (let i = 0; i < 7; i += 1) bits = (bits << 8n) | BigInt(mac[i]!);
    bits >>= 6n; // 56 bits → 50
    let out = '';
    for (let i = 0; i < 10; i += 1) {
      out = BASE32[Number(bits & 31n)]! + out;
      bits >>= 5n;
    }
    return `A-${out}`;
  };
}

function signingKey(db: Connection): KeyObject {
  const der = secret(db, SIGNING_KEY, () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
}

export function localPublicKey(db: Connection): KeyObject {
  return createPublicKey(signingKey(db));
}

/** The local public key as PEM, for `seatcast keys --export-public FILE`. */
export function publicKeyPem(db: Connection): { pem: string; fingerprint: string } {
  const key = localPublicKey(db);
  return { pem: key.export({ format: 'pem', type: 'spki' }).toString(), fingerprint: fingerprintOf(key) };
}

export function signDigest(db: Connection, digest: string): ReportSignature {
  const privateKey = signingKey(db);
  return {
    algorithm: 'Ed25519',
    publicKeyFingerprint: fingerprintOf(createPublicKey(privateKey)),
    value: sign(null, Buffer.from(signedMessage(digest), 'utf8'), privateKey).toString('base64'),
  };
}

/** Whether the signature is a valid Ed25519 signature of the digest by this public key. */
export function signatureValid(publicKey: KeyObject, digest: string, signature: ReportSignature): boolean {
  try {
    return verify(null, Buffer.from(signedMessage(digest), 'utf8'), publicKey, Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}

export function readPublicKeyPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 public key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  return key;
}

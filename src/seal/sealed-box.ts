import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";

/*
 * A sealed box: anyone with the public key can seal a message, only the private key opens it.
 * Each seal makes a fresh X25519 key pair, agrees a secret with the recipient's public key, derives
 * an AES-256-GCM key from it with HKDF (over both public keys, so a box cannot be re-aimed at
 * another recipient) and throws the ephemeral private key away: not even the sender can open it
 * afterwards. `context` (the workspace and session) is authenticated, so a box copied into another
 * session does not open there.
 *
 * Layout: version (1) | ephemeral public key (32) | nonce (12) | tag (16) | ciphertext.
 */

const VERSION = 1;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const INFO = Buffer.from("lastword sealed ballot v1");

export interface SealKeyPair {
  /** Raw X25519 public key, 32 bytes. */
  publicKey: Buffer;
  /** PKCS#8 DER; only ever stored wrapped (see `wrapKey`). */
  privateKey: Buffer;
}

export function newSealKeyPair(): SealKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("x25519");
  return {
    publicKey: rawPublicKey(publicKey),
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }),
  };
}

export function seal(recipientPublicKey: Buffer, plaintext: Buffer, context: string): Buffer {
  const recipient = publicKeyFromRaw(recipientPublicKey);
  const ephemeral = generateKeyPairSync("x25519");
  const ephemeralPublic = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = boxKey(shared, ephemeralPublic, recipientPublicKey);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), ephemeralPublic, nonce, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the box was not sealed to this key pair, was sealed under another context, or was changed. */
export function open(keyPair: SealKeyPair, box: Buffer, context: string): Buffer {
  if (box.length < 1 + KEY_BYTES + NONCE_BYTES + TAG_BYTES || box[0] !== VERSION) {
    throw new Error("not a sealed box");
  }
  const ephemeralPublic = box.subarray(1, 1 + KEY_BYTES);
  const nonce = box.subarray(1 + KEY_BYTES, 1 + KEY_BYTES + NONCE_BYTES);
  const tag = box.subarray(1 + KEY_BYTES + NONCE_BYTES, 1 + KEY_BYTES + NONCE_BYTES + TAG_BYTES);
  const ciphertext = box.subarray(1 + KEY_BYTES + NONCE_BYTES + TAG_BYTES);
  const shared = diffieHellman({
    privateKey: createPrivateKey({ key: keyPair.privateKey, format: "der", type: "pkcs8" }),
    publicKey: publicKeyFromRaw(ephemeralPublic),
  });
  const decipher = createDecipheriv("aes-256-gcm", boxKey(shared, ephemeralPublic, keyPair.publicKey), nonce);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * A private key encrypted with the ballot key (AES-256-GCM, `context` authenticated), so the
 * database alone holds nothing that opens a box. Layout: nonce (12) | tag (16) | ciphertext.
 */
export function wrapKey(ballotKey: Buffer, privateKey: Buffer, context: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", checkedBallotKey(ballotKey), nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the ballot key is not the one the key was wrapped with. */
export function unwrapKey(ballotKey: Buffer, wrapped: Buffer, context: string): Buffer {
  const nonce = wrapped.subarray(0, NONCE_BYTES);
  const tag = wrapped.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", checkedBallotKey(ballotKey), nonce);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(wrapped.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
}

export const BALLOT_KEY_BYTES = KEY_BYTES;

function checkedBallotKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error(`a ballot key is ${KEY_BYTES} bytes, not ${key.length}`);
  return key;
}

function boxKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(hkdfSync("sha256", shared, salt, INFO, KEY_BYTES));
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  return Buffer.from(jwk.x!, "base64url");
}

function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== KEY_BYTES) throw new Error("not an X25519 public key");
  return createPublicKey({ key: { kty: "OKP", crv: "X25519", x: raw.toString("base64url") }, format: "jwk" });
}

// http_ece ships no types; the one call the tests make (RFC 8188 decryption of a Web Push body).
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export function decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer | string }): Buffer;
  const ece: { decrypt: typeof decrypt };
  export default ece;
}

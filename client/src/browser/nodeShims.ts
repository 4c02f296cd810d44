// The two Node built-ins the shared client code uses, for the web bundle only (esbuild.mjs maps
// node:path and node:crypto here when it builds dist/web/client.js): path.posix.basename and
// crypto.randomBytes(n).toString('base64') (the preview's CSP nonce), on web APIs.

export const posix = {
  basename(p: string): string {
    const trimmed = p.replace(/\/+$/, '');
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
  },
};

export function randomBytes(n: number): { toString(encoding: 'base64'): string } {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return {
    toString: () => btoa(String.fromCharCode(...bytes)),
  };
}

/**
 * The HTML page of a panel, with a strict Content Security Policy: nothing runs or loads but the
 * panel's own bundle (by nonce) and resources of the webview's own origin. No inline script, no
 * eval, no remote content. The bundle carries its CSS (adopted as a constructed stylesheet), so
 * the page itself has no style either. The toolkit (FAST) probes `:focus-visible` with a <style>
 * element carrying the nonce it reads from `<meta property="csp-nonce">`.
 *
 * Pure (no vscode import): the browser test builds the same page.
 */
import { randomBytes } from 'node:crypto';
import type { PanelKind } from '../../../webview/protocol';

export interface PanelHtmlOptions {
  readonly kind: PanelKind;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(dist/webview/<kind>.js)` as a string. */
  readonly scriptUri: string;
  readonly title: string;
}

/** 128 random bits, base64: a fresh one per page load. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ESCAPES[c]!);
}

const NONCE_TEXT = /^[A-Za-z0-9+/=]{16,}$/;

export function panelHtml(options: PanelHtmlOptions): string {
  if (!NONCE_TEXT.test(options.nonce)) { throw new Error('the nonce must be base64 text of at least 16 characters'); }
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta property="csp-nonce" content="${escapeHtml(options.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
</head>
<body data-panel="${escapeHtml(options.kind)}">
<main id="app" aria-live="polite"><p class="loading">Loading…</p></main>
<script type="module" nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

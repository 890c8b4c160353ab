/**
 * The headers that lock the web page down: a strict Content-Security-Policy
 * (scripts only from this origin, no plugins, no inline script), no framing
 * unless the deployment names who may frame it, and no MIME sniffing.
 *
 * Styles allow 'unsafe-inline': React and React Flow position every node with
 * a style attribute, and the report opened from a board is one HTML page
 * whose styles are inline. Injected styles cannot run code; scripts stay
 * strict. Images allow data: and blob: for the PNG/SVG exports, which render
 * the canvas into an image in the page, and connect-src allows data: and
 * blob: because the exports turn that image into a file with fetch();
 * 'self' there also covers the sync WebSocket on the same host and port.
 */

/** Who may put the app in a frame: nobody by default. */
export interface FramingPolicy {
  /** CSP frame-ancestors sources, such as `https://lms.example.com`; empty = no one. */
  frameAncestors: readonly string[];
}

/** One CSP source of a frame-ancestors list: a scheme, host or origin, never a directive separator or a quote. */
const SOURCE = /^(?:'self'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d+|\*))?)$/i;

/** Reads ARCHBOARD_FRAME_ANCESTORS (space-separated sources); throws on anything that is not a source. */
export function parseFrameAncestors(value: string | undefined): string[] {
  const sources = (value ?? '').split(/\s+/).filter((s) => s !== '');
  for (const source of sources) {
    if (!SOURCE.test(source))
      throw new Error(
        `ARCHBOARD_FRAME_ANCESTORS: "${source}" is not a frame-ancestors source (use origins such as https://lms.example.com, separated by spaces)`,
      );
  }
  return sources;
}

/** The Content-Security-Policy of every page and file the server sends. */
export function contentSecurityPolicy(framing: FramingPolicy): string {
  const ancestors = framing.frameAncestors.length > 0 ? framing.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** Headers for every static file and page. X-Frame-Options only when no one may frame (it cannot name a list). */
export function securityHeaders(framing: FramingPolicy): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(framing),
    ...(framing.frameAncestors.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

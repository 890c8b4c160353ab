/**
 * PNG from the native SVG with resvg (@resvg/resvg-js: a maintained renderer
 * whose npm package ships its binaries, so nothing is built or downloaded at
 * install). Drawn at twice the SVG's size, as the app's PNG export, with the
 * system's fonts.
 */
import { createRequire } from 'node:module';

/** Twice the diagram's pixels, as the app's PNG export. */
export const PNG_SCALE = 2;

interface ResvgModule {
  Resvg: new (
    svg: string,
    options: { fitTo: { mode: 'zoom'; value: number }; font: { loadSystemFonts: boolean; defaultFontFamily: string } },
  ) => { render(): { asPng(): Uint8Array } };
}

/** The picture as PNG bytes. resvg is loaded on first use, so `lint` never pays for it. */
export function svgToPng(svg: string): Uint8Array {
  const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

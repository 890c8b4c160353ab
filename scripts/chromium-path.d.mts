export declare const CHROMIUM_CANDIDATES: string[];
/** The Chromium executable to drive: $CHROMIUM_PATH, else the first system one found, else null. */
export declare function findChromium(): string | null;

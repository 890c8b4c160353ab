/**
 * zod, configured once for the whole app: no compiled parsers. zod's probe
 * for `new Function` is a violation of the app's Content-Security-Policy (no
 * 'unsafe-eval'), reported on every page; its interpreted parsers are the
 * same. Import `z` from here, never from 'zod', so the setting comes first.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

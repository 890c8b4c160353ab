/** Entry point of `archboard` (bin/archboard.js loads it through tsx). */
import { runCli } from './cli';

// exitCode rather than exit(): stdout drains fully when it is a pipe.
process.exitCode = runCli(process.argv.slice(2));

/** Entry point of `archboard` (bin/archboard.js loads it through tsx). */
import { runCommand } from './cli';

// exitCode rather than exit(): stdout drains fully when it is a pipe.
void runCommand(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});

#!/usr/bin/env node
// The `archboard` command: registers tsx so the TypeScript sources run as they
// are (no build step), with the project's tsconfig wherever it is run from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');

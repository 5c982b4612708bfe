#!/usr/bin/env node
// The installed command. The code is TypeScript; tsx loads it without a compile step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

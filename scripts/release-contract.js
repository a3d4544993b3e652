#!/usr/bin/env node
// Replace the released contract, the breaking-change gate's baseline, with the current bundle.
// Run it only when a release deliberately ships what the gate reported.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = createRequire(import.meta.url).resolve('@enos-trigger/spec/openapi.yaml');
const released = join(root, 'spec', 'released', 'openapi.yaml');

mkdirSync(dirname(released), { recursive: true });
copyFileSync(bundle, released);
console.log(`released contract replaced by ${bundle}\nCommit ${released} with the release.`);

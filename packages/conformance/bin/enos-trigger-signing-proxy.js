#!/usr/bin/env node
// Committed, unlike dist/: npm links a package's bins when it installs, before anything is built.
const cli = new URL('../dist/proxy/cli.js', import.meta.url);
await import(cli.href).catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !error.message.includes(cli.pathname)) throw error;
  console.error(`${cli.pathname} is missing: run \`npm run build\` in the repository first.`);
  process.exit(1);
});

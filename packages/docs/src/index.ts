/** The built reference, for tools that want to serve or ship it. */
export { paths } from './paths.js';
export { createDocsServer } from './server.js';

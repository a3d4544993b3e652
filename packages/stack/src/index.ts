export { banner } from './banner.js';
export { PORT_VARIABLES, portsFromEnv, StackPortError, type StackPorts } from './ports.js';
export { type RunningStack, startStack } from './stack.js';

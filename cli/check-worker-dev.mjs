// The --jobs worker when cmsi runs from the TypeScript sources under tsx (development): a worker
// thread does not inherit tsx's module hooks from the main thread, so it registers them itself
// before loading cli/check-worker.ts. The compiled dist/ uses dist/cli/check-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const { default: checkInWorker } = await import('./check-worker.ts');
export default checkInWorker;

import { proveProject } from '../kit/proof/prove-project';

proveProject('task-manager');

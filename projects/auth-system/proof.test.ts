import { proveProject } from '../kit/proof/prove-project';

proveProject('auth-system');

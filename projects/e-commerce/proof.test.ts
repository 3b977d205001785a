import { proveProject } from '../kit/proof/prove-project';

proveProject('e-commerce');

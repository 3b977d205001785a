import { proveProject } from '../kit/proof/prove-project';

proveProject('url-shortener');

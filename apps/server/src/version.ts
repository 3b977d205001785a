export { VERSION } from '@groundwork/contracts';

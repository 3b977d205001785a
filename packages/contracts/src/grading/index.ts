export * from './check-result';
export * from './events';
export * from './exchange';
export * from './report';
export * from './stage';

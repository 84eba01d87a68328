export * from './confusion';
export * from './curve';
export * from './roc';
export * from './pr';
export * from './threshold';
export * from './bootstrap';
export * from './report';

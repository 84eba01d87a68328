export * from './split';
export * from './cross-validate';

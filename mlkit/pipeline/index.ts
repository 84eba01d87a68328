export * from './spam-classifier';
export * from './train';
export * from './evaluate';
export * from './threshold-rule';

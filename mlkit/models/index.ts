export * from './labels';
export * from './lbfgs';
export * from './logistic';
export * from './naive-bayes';

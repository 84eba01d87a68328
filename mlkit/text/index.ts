export * from './sparse';
export * from './tokenize';
export * from './analyzer';
export * from './vocabulary';
export * from './tfidf';

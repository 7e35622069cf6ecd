export * from './lib/flags';

export * from './data-source';
export * from './entities';
export * from './persistence.module';
export * from './audit';
export * from './insert-in-chunks';
export * from './inserted-any';
export * from './evidence-store';
export * from './repositories';

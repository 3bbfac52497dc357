export * from './batchSchedule.ts';
export * from './directInteraction.ts';
export * from './gradientFlow.ts';
export * from './integrators.ts';
export * from './interaction.ts';
export * from './particleRun.ts';
export * from './sgdGradient.ts';
export * from './spectralInteraction.ts';

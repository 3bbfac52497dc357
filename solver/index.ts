export * from './frozenY.ts';
export * from './gridSolver.ts';
export * from './initialGrid.ts';
export * from './linearRegime.ts';
export * from './solverSnapshot.ts';

export * from './frozenY.ts';
export * from './gaussHermite.ts';
export * from './gridSolver.ts';
export * from './initialGrid.ts';
export * from './lagrangianSolver.ts';
export * from './linearRegime.ts';
export * from './rungeKutta8.ts';
export * from './solverSnapshot.ts';

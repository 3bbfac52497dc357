// A custom unit and the mean-field limit: a unit given as an expression, ρ₀ by the Lagrangian
// reference and by the grid solver, and the CLT prefactor predicted from the linearised flow.
// Run from the project folder after `npm ci` (which builds dist/):  node examples/customUnitSolve.mjs
import { createTorusProblem, predictCltPrefactor, solveGrid, solveLagrangian, parsevalDistanceSquared } from 'liouville';

// a bump of width ~0.6 around u = 0, and a target the unit can represent
const problem = createTorusProblem({ unit: 'expr:exp(-(1 - cos(u))/0.18)', target: 'sin(x) + 0.3*cos(3*x)' });
const law = { cMean: 0, sigmaC: 1 };
const times = [0, 2, 10];
console.log(`unit ${problem.unit.spec}: M = ${problem.M} modes, target ${problem.target.expression}`);

const lagrangian = solveLagrangian(problem, law, { ny: 128, nc: 32, times });
const grid = solveGrid(problem, law, { ny: 128, nc: 128, L: 8, times });
const prediction = predictCltPrefactor(problem, law, { ny: 64, nc: 16, times, dt: 0.1 });
times.forEach((t, k) => {
  const a = lagrangian[k];
  const gap = Math.sqrt(parsevalDistanceSquared(a.fhat, grid[k].fhat));
  console.log(`t = ${t}: loss ${a.loss.toExponential(3)}, ‖f₀,grid − f₀,Lagrangian‖ = ${gap.toExponential(1)}, `
    + `predicted n·E‖f_n − f₀‖² = ${prediction[k].total.toPrecision(4)}`);
});

/**
 * Time steppers for the particle ODE: forward Euler (the scheme of eq. 22 with exact gradients)
 * and the classical fourth-order Runge–Kutta method. Each owns its stage buffers, sized once, so a
 * step allocates nothing.
 */
import type { VectorField } from './gradientFlow.ts';

export type IntegratorKind = 'euler' | 'rk4';

export interface Integrator {
  /** Advances `(y, c)` in place by `dt`. */
  step(y: Float64Array, c: Float64Array, dt: number): void;
}

export class ForwardEuler implements Integrator {
  private readonly field: VectorField;
  private readonly vy: Float64Array;
  private readonly vc: Float64Array;

  constructor(field: VectorField) {
    this.field = field;
    this.vy = new Float64Array(field.ySize ?? field.n);
    this.vc = new Float64Array(field.n);
  }

  step(y: Float64Array, c: Float64Array, dt: number): void {
    const { vy, vc } = this;
    this.field.velocity(y, c, vy, vc);
    for (let i = 0; i < vy.length; i++) y[i]! += dt * vy[i]!;
    for (let i = 0; i < vc.length; i++) c[i]! += dt * vc[i]!;
  }
}

export class RungeKutta4 implements Integrator {
  private readonly field: VectorField;
  private readonly ky: Float64Array[];
  private readonly kc: Float64Array[];
  private readonly yt: Float64Array;
  private readonly ct: Float64Array;

  constructor(field: VectorField) {
    this.field = field;
    const n = field.n;
    const ny = field.ySize ?? n;
    this.ky = [0, 1, 2, 3].map(() => new Float64Array(ny));
    this.kc = [0, 1, 2, 3].map(() => new Float64Array(n));
    this.yt = new Float64Array(ny);
    this.ct = new Float64Array(n);
  }

  step(y: Float64Array, c: Float64Array, dt: number): void {
    const [ky0, ky1, ky2, ky3] = this.ky as [Float64Array, Float64Array, Float64Array, Float64Array];
    const [kc0, kc1, kc2, kc3] = this.kc as [Float64Array, Float64Array, Float64Array, Float64Array];
    const { yt, ct } = this;
    this.field.velocity(y, c, ky0, kc0);
    this.stage(y, c, ky0, kc0, 0.5 * dt);
    this.field.velocity(yt, ct, ky1, kc1);
    this.stage(y, c, ky1, kc1, 0.5 * dt);
    this.field.velocity(yt, ct, ky2, kc2);
    this.stage(y, c, ky2, kc2, dt);
    this.field.velocity(yt, ct, ky3, kc3);
    const h = dt / 6;
    for (let i = 0; i < yt.length; i++) y[i]! += h * (ky0[i]! + 2 * ky1[i]! + 2 * ky2[i]! + ky3[i]!);
    for (let i = 0; i < ct.length; i++) c[i]! += h * (kc0[i]! + 2 * kc1[i]! + 2 * kc2[i]! + kc3[i]!);
  }

  private stage(y: Float64Array, c: Float64Array, vy: Float64Array, vc: Float64Array, h: number): void {
    const { yt, ct } = this;
    for (let i = 0; i < yt.length; i++) yt[i] = y[i]! + h * vy[i]!;
    for (let i = 0; i < ct.length; i++) ct[i] = c[i]! + h * vc[i]!;
  }
}

export function createIntegrator(kind: IntegratorKind, field: VectorField): Integrator {
  return kind === 'rk4' ? new RungeKutta4(field) : new ForwardEuler(field);
}

"""Performance peer of the project's particle engine, in NumPy: the same RK4 gradient descent as
gd_spectral.c (eq. 9 of the paper on the torus, ψ(u) = exp(κ(cos u − 1)), f = cos x, c ~ N(0, 1),
Δt = 0.05, the engine's mode truncation), written with whole-array operations the way a Python
user would. Needs only NumPy.

    python3 gd_spectral.py N STEPS KAPPA

Prints one line: "modes M particle_steps_per_s X loss L seconds S" (timed around the steps only).
"""
import sys
import time

import numpy as np


def scaled_bessel(m, kappa):
    """e^{−κ} I_m(κ) for an array of orders m, by the power series."""
    m = np.asarray(m, dtype=float)
    term = np.exp(m * np.log(kappa / 2) - np.array([np.sum(np.log(np.arange(1, k + 1))) for k in m.astype(int)]))
    total = np.zeros_like(term)
    for j in range(1000):
        total += term
        term = term * (kappa * kappa / 4) / ((j + 1) * (j + 1 + m))
        if np.all(term < 1e-300):
            break
    return total * np.exp(-kappa)


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: gd_spectral.py N STEPS KAPPA")
    n, steps, kappa, dt = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), 0.05
    coef = scaled_bessel(np.arange(65), kappa)
    weight = np.where(np.arange(65) == 0, 1.0, 2.0)
    energy = np.sum(weight * coef**2)
    tail = energy - np.cumsum(weight * coef**2)  # tail[M] = Σ_{|m|>M}
    modes = int(np.argmax(tail <= 1e-14 * energy))
    m = np.arange(modes + 1)
    psi = coef[: modes + 1]
    fhat = np.where(m == 1, 0.5, 0.0).astype(complex)  # f = cos x
    w = np.where(m == 0, 1.0, 2.0)

    def velocity(y, c):
        phase = np.exp(-1j * np.outer(y, m))  # n × (M + 1)
        s = c @ phase / n
        uhat = -fhat * psi + psi**2 * s
        back = phase.conj()
        u = (back @ (w * uhat)).real
        du = (back @ (w * 1j * m * uhat)).real
        return -c * du, -u

    rng = np.random.default_rng(1)
    y = rng.uniform(0, 2 * np.pi, n)
    c = rng.standard_normal(n)
    start = time.perf_counter()
    for _ in range(steps):
        k1y, k1c = velocity(y, c)
        k2y, k2c = velocity(y + 0.5 * dt * k1y, c + 0.5 * dt * k1c)
        k3y, k3c = velocity(y + 0.5 * dt * k2y, c + 0.5 * dt * k2c)
        k4y, k4c = velocity(y + dt * k3y, c + dt * k3c)
        y = y + dt / 6 * (k1y + 2 * k2y + 2 * k3y + k4y)
        c = c + dt / 6 * (k1c + 2 * k2c + 2 * k3c + k4c)
    seconds = time.perf_counter() - start
    diff = fhat - psi * (c @ np.exp(-1j * np.outer(y, m)) / n)
    loss = 0.5 * np.sum(w * np.abs(diff) ** 2)
    print(f"modes {modes} particle_steps_per_s {n * steps / seconds:.4g} loss {loss:.6e} seconds {seconds:.3f}")


if __name__ == "__main__":
    main()

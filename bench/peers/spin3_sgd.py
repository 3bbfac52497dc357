"""Performance peer of the project's 3-spin SGD engine, in NumPy: the same online SGD step
(particles/spin3Network.ts; the paper's Sec. 5) written with matrix products, as a Python user
would. Needs only NumPy (BLAS-backed).

Network f_n(x) = (1/n) Σ c_i h(w_i·x + b_i) on points x of the sphere of radius √d, target the
3-spin function f(x) = (1/d) Σ a_pqr x_p x_q x_r. One step on a fresh batch of P points, with
r = f − f_n and z_i = w_i·x + b_i:  c_i += Δt ⟨r h(z_i)⟩,  w_i += Δt c_i ⟨r h′(z_i) x⟩,
b_i += Δt c_i ⟨r h′(z_i)⟩  (means over the batch; every unit moves at O(1) speed).

    python3 spin3_sgd.py D N P SECONDS [relu|sigmoid]

Prints one line: "d D n N P P activation A steps S seconds T unit_point_steps_per_s X batch_loss L"
(unit·point-steps = n·P·steps, the unit of `npm run bench:spin3`).
"""
import sys
import time

import numpy as np


def main():
    if len(sys.argv) < 5:
        sys.exit("usage: spin3_sgd.py D N P SECONDS [relu|sigmoid]")
    d, n, batch = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    budget = float(sys.argv[4])
    activation = sys.argv[5] if len(sys.argv) > 5 else "relu"
    if activation not in ("relu", "sigmoid"):
        sys.exit(f"activation must be relu or sigmoid, got {activation!r}")
    rng = np.random.default_rng(1)
    # a[p, q·d + r]: f(x) = (1/d) Σ_p x_p (a x⊗x)_p, one product per batch
    couplings = rng.standard_normal((d, d * d))
    c = rng.standard_normal(n)
    w = rng.standard_normal((n, d)) / np.sqrt(d)
    b = rng.standard_normal(n)
    dt = 1e-3

    def step():
        nonlocal c
        x = rng.standard_normal((batch, d))
        x *= np.sqrt(d) / np.linalg.norm(x, axis=1, keepdims=True)
        outer = (x[:, :, None] * x[:, None, :]).reshape(batch, d * d)
        f = np.sum((outer @ couplings.T) * x, axis=1) / d
        z = x @ w.T + b  # P × n
        if activation == "relu":
            h, dh = np.maximum(z, 0.0), (z > 0).astype(float)
        else:
            h = 1.0 / (1.0 + np.exp(-z))
            dh = h * (1.0 - h)
        r = f - h @ c / n
        g = dh * r[:, None]  # P × n
        grad_c = h.T @ r / batch
        w[...] += dt * c[:, None] * (g.T @ x) / batch
        b[...] += dt * c * g.sum(axis=0) / batch
        c = c + dt * grad_c
        return 0.5 * float(np.mean(r * r))

    for _ in range(3):
        step()
    steps, loss = 0, 0.0
    start = time.perf_counter()
    while time.perf_counter() - start < budget:
        loss = step()
        steps += 1
    seconds = time.perf_counter() - start
    print(f"d {d} n {n} P {batch} activation {activation} steps {steps} seconds {seconds:.3f} "
          f"unit_point_steps_per_s {n * batch * steps / seconds:.4e} batch_loss {loss:.4e}")


if __name__ == "__main__":
    main()

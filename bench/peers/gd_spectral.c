/*
 * Performance peer of the project's particle engine, in C: RK4 gradient descent (the paper's eq. 9)
 * of n particles on the torus, unit ψ(u) = exp(κ(cos u − 1)), target f = cos x, c ~ N(0, 1),
 * Δt = 0.05; the interaction through the Fourier moments S_m = (1/n) Σ c_j e^{−i m y_j}, O(n·M) per
 * evaluation, with the same mode truncation as the engine (the tail Σ_{|m|>M} ψ̂_m² at most 1e-14 of
 * ∫ψ²). Written for this repository as the reference a C programmer would write.
 *
 *   gcc -O3 -march=native -o gd gd_spectral.c -lm
 *   ./gd N STEPS KAPPA
 *
 * Prints one line: "modes M particle_steps_per_s X loss L seconds S" (timed around the steps only).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_MODES 64
static const double TWO_PI = 6.283185307179586476925286766559;

static int n_particles, modes;
static double psi[MAX_MODES + 1], fhat_re[MAX_MODES + 1];
static double s_re[MAX_MODES + 1], s_im[MAX_MODES + 1], u_re[MAX_MODES + 1], u_im[MAX_MODES + 1];

/* e^{−κ} I_m(κ) by its power series (κ moderate, m small) */
static double scaled_bessel(int m, double kappa) {
  double term = 1.0;
  for (int j = 1; j <= m; j++) term *= kappa / 2.0 / j;
  double sum = 0.0;
  for (int j = 0; j < 1000 && term > 1e-300; j++) {
    sum += term;
    term *= (kappa * kappa / 4.0) / ((j + 1.0) * (j + 1.0 + m));
  }
  return sum * exp(-kappa);
}

/* splitmix64: a reproducible uniform in (0, 1) */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double uniform01(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return ((z >> 11) + 0.5) / 9007199254740992.0;
}

/* the moments S_m, then U_n and ∂U_n at every particle: dy/dt = −c ∂U, dc/dt = −U */
static void velocity(const double *y, const double *c, double *vy, double *vc) {
  for (int m = 0; m <= modes; m++) s_re[m] = s_im[m] = 0.0;
  for (int i = 0; i < n_particles; i++) {
    double cr = cos(y[i]), ci = -sin(y[i]), er = 1.0, ei = 0.0; /* e^{−i m y}, by powers */
    for (int m = 0; m <= modes; m++) {
      s_re[m] += c[i] * er;
      s_im[m] += c[i] * ei;
      double t = er * cr - ei * ci;
      ei = er * ci + ei * cr;
      er = t;
    }
  }
  for (int m = 0; m <= modes; m++) {
    double k = psi[m] * psi[m];
    u_re[m] = -fhat_re[m] * psi[m] + k * s_re[m] / n_particles;
    u_im[m] = k * s_im[m] / n_particles;
  }
  for (int i = 0; i < n_particles; i++) {
    double cr = cos(y[i]), ci = sin(y[i]), er = cr, ei = ci; /* e^{+i m y} from m = 1 */
    double u = u_re[0], du = 0.0;
    for (int m = 1; m <= modes; m++) {
      double re = u_re[m] * er - u_im[m] * ei, im = u_re[m] * ei + u_im[m] * er;
      u += 2.0 * re;
      du -= 2.0 * m * im;
      double t = er * cr - ei * ci;
      ei = er * ci + ei * cr;
      er = t;
    }
    vy[i] = -c[i] * du;
    vc[i] = -u;
  }
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s N STEPS KAPPA\n", argv[0]);
    return 2;
  }
  n_particles = atoi(argv[1]);
  int steps = atoi(argv[2]);
  double kappa = atof(argv[3]), dt = 0.05;
  if (n_particles < 1 || steps < 1 || !(kappa > 0)) {
    fprintf(stderr, "N, STEPS must be >= 1 and KAPPA > 0\n");
    return 2;
  }
  double energy = 0.0, coef[MAX_MODES + 1];
  for (int m = 0; m <= MAX_MODES; m++) {
    coef[m] = scaled_bessel(m, kappa);
    energy += (m == 0 ? 1.0 : 2.0) * coef[m] * coef[m];
  }
  double tail = energy - coef[0] * coef[0];
  modes = 0;
  while (modes < MAX_MODES && tail > 1e-14 * energy) {
    modes++;
    tail -= 2.0 * coef[modes] * coef[modes];
  }
  for (int m = 0; m <= modes; m++) {
    psi[m] = coef[m];
    fhat_re[m] = m == 1 ? 0.5 : 0.0; /* f = cos x */
  }
  size_t bytes = sizeof(double) * (size_t)n_particles;
  double *y = malloc(bytes), *c = malloc(bytes), *yt = malloc(bytes), *ct = malloc(bytes);
  double *ky[4], *kc[4];
  for (int s = 0; s < 4; s++) {
    ky[s] = malloc(bytes);
    kc[s] = malloc(bytes);
  }
  for (int i = 0; i < n_particles; i++) {
    y[i] = TWO_PI * uniform01();
    c[i] = sqrt(-2.0 * log(uniform01())) * cos(TWO_PI * uniform01());
  }
  const double stage[4] = {0.0, 0.5, 0.5, 1.0};
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int st = 0; st < steps; st++) {
    velocity(y, c, ky[0], kc[0]);
    for (int s = 1; s < 4; s++) {
      for (int i = 0; i < n_particles; i++) {
        yt[i] = y[i] + stage[s] * dt * ky[s - 1][i];
        ct[i] = c[i] + stage[s] * dt * kc[s - 1][i];
      }
      velocity(yt, ct, ky[s], kc[s]);
    }
    for (int i = 0; i < n_particles; i++) {
      y[i] += dt / 6.0 * (ky[0][i] + 2.0 * ky[1][i] + 2.0 * ky[2][i] + ky[3][i]);
      c[i] += dt / 6.0 * (kc[0][i] + 2.0 * kc[1][i] + 2.0 * kc[2][i] + kc[3][i]);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  velocity(y, c, ky[0], kc[0]); /* refreshes S_m for the loss */
  double loss = 0.0;
  for (int m = 0; m <= modes; m++) { /* ½‖f − f_n‖² by Parseval */
    double dr = fhat_re[m] - psi[m] * s_re[m] / n_particles, di = -psi[m] * s_im[m] / n_particles;
    loss += (m == 0 ? 0.5 : 1.0) * (dr * dr + di * di);
  }
  printf("modes %d particle_steps_per_s %.4g loss %.6e seconds %.3f\n", modes, (double)n_particles * steps / seconds, loss, seconds);
  return 0;
}

/** Ticks at multiples of π/2 on [0, 2π], labelled with π. */
export const PI_TICKS = {
  values: [0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2, 2 * Math.PI],
  format: (v: number): string => ['0', 'π/2', 'π', '3π/2', '2π'][Math.round(v / (Math.PI / 2))] ?? '',
} as const;

;; The torus GD/SGD engine's O(n·M) sums in WebAssembly SIMD (f64x2, two particles a lane pair), for
;; particles/torusEngine.ts: the phasors e^{iy} (model/sinCos.ts's reduction and fdlibm kernels, the
;; same operations in the same order), the weighted Fourier moments S_m = Σⱼ wⱼ e^{−imyⱼ} (the rotation
;; recurrence of model/torusSums.ts), and the series U, ∂_yU at the particles fused with the velocity
;; of eq. (9) and the Euler or RK4 update, so that a stage reads each particle once.
;;
;; Layout: every pointer is a byte offset into the exported memory, arrays of f64, lengths `n2` even
;; (a pad particle has weight 0, so it adds exact zeros to every moment);
;;   coef[2m], coef[2m+1]: Re and Im of the m-th coefficient of a series, m = 0..M;
;;   acc[4m .. 4m+3]: the moments' two-lane accumulators (Re lanes, then Im lanes), summed by the caller.
;; Per particle, the phasors and the series are the JavaScript kernels' numbers bit for bit; the
;; moments sum the even and the odd particles in two lanes, in a fixed order, and differ from one
;; sequential sum by rounding.
;; scripts/buildWasm.ts also assembles a fused variant, with every f64x2 `a + b·c` and `a − b·c`
;; rewritten to relaxed_madd / relaxed_nmadd.
(module
  (import "math" "cos" (func $mcos (param f64) (result f64)))
  (import "math" "sin" (func $msin (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; cos xⱼ, sin xⱼ for j < n2 (model/sinCos.ts): both lanes by the polynomials, then a lane outside
  ;; the Cody–Waite range, or not finite, by Math.cos / Math.sin, as there.
  (func $sincos (export "phasors") (param $x i32) (param $n2 i32) (param $cosOut i32) (param $sinOut i32)
    (local $j i32) (local $o i32)
    (local $v v128) (local $k v128) (local $r v128) (local $z v128) (local $s v128) (local $c v128)
    (local $hz v128) (local $w v128) (local $q v128) (local $swap v128) (local $co v128) (local $si v128) (local $out v128)
    (local.set $j (i32.const 0))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $j) (local.get $n2)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
        ;; k = Math.round(v·2/π): nearest rounds ties to even, Math.round up, so a tie k + ½ gets one more
        (local.set $r (f64x2.mul (local.get $v) (v128.const f64x2 6.36619772367581382433e-01 6.36619772367581382433e-01)))
        (local.set $k (f64x2.nearest (local.get $r)))
        (local.set $k (f64x2.add (local.get $k)
                        (v128.and (f64x2.eq (f64x2.sub (local.get $r) (local.get $k)) (v128.const f64x2 0.5 0.5))
                                  (v128.const f64x2 1 1))))
        (local.set $r (f64x2.sub
                        (f64x2.sub (local.get $v) (f64x2.mul (local.get $k) (v128.const f64x2 1.57079632673412561417e+00 1.57079632673412561417e+00)))
                        (f64x2.mul (local.get $k) (v128.const f64x2 6.07710050650619224932e-11 6.07710050650619224932e-11))))
        (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
        ;; s = r + r·z·(S1 + z(S2 + z(S3 + z(S4 + z(S5 + z·S6)))))
        (local.set $s
          (f64x2.add (local.get $r)
            (f64x2.mul (f64x2.mul (local.get $r) (local.get $z))
              (f64x2.add (v128.const f64x2 -1.66666666666666324348e-01 -1.66666666666666324348e-01)
                (f64x2.mul (local.get $z)
                  (f64x2.add (v128.const f64x2 8.33333333332248946124e-03 8.33333333332248946124e-03)
                    (f64x2.mul (local.get $z)
                      (f64x2.add (v128.const f64x2 -1.98412698298579493134e-04 -1.98412698298579493134e-04)
                        (f64x2.mul (local.get $z)
                          (f64x2.add (v128.const f64x2 2.75573137070700676789e-06 2.75573137070700676789e-06)
                            (f64x2.mul (local.get $z)
                              (f64x2.add (v128.const f64x2 -2.50507602534068634195e-08 -2.50507602534068634195e-08)
                                (f64x2.mul (local.get $z) (v128.const f64x2 1.58969099521155010221e-10 1.58969099521155010221e-10))))))))))))))
        ;; c = w + (((1 − w) − z/2) + z²·(C1 + z(C2 + … + z·C6))), w = 1 − z/2: fdlibm's carried rounding
        (local.set $hz (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $z)))
        (local.set $w (f64x2.sub (v128.const f64x2 1 1) (local.get $hz)))
        (local.set $c
          (f64x2.add (local.get $w)
            (f64x2.add
              (f64x2.sub (f64x2.sub (v128.const f64x2 1 1) (local.get $w)) (local.get $hz))
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z))
                (f64x2.add (v128.const f64x2 4.16666666666666019037e-02 4.16666666666666019037e-02)
                  (f64x2.mul (local.get $z)
                    (f64x2.add (v128.const f64x2 -1.38888888888741095749e-03 -1.38888888888741095749e-03)
                      (f64x2.mul (local.get $z)
                        (f64x2.add (v128.const f64x2 2.48015872894767294178e-05 2.48015872894767294178e-05)
                          (f64x2.mul (local.get $z)
                            (f64x2.add (v128.const f64x2 -2.75573143513906633035e-07 -2.75573143513906633035e-07)
                              (f64x2.mul (local.get $z)
                                (f64x2.add (v128.const f64x2 2.08757232129817482790e-09 2.08757232129817482790e-09)
                                  (f64x2.mul (local.get $z) (v128.const f64x2 -1.13596475577881948265e-11 -1.13596475577881948265e-11)))))))))))))))
        ;; the quadrant q = k mod 4, in the float domain (exact for these small integers)
        (local.set $q (f64x2.sub (local.get $k)
                        (f64x2.mul (v128.const f64x2 4 4) (f64x2.floor (f64x2.mul (local.get $k) (v128.const f64x2 0.25 0.25))))))
        (local.set $swap (f64x2.eq
                           (f64x2.sub (local.get $q) (f64x2.mul (v128.const f64x2 2 2) (f64x2.floor (f64x2.mul (local.get $q) (v128.const f64x2 0.5 0.5)))))
                           (v128.const f64x2 1 1)))
        (local.set $co (v128.bitselect (local.get $s) (local.get $c) (local.get $swap)))
        (local.set $si (v128.bitselect (local.get $c) (local.get $s) (local.get $swap)))
        ;; cos is negated in quadrants 1 and 2, sin in 2 and 3
        (local.set $co (v128.xor (local.get $co)
                         (v128.and (v128.or (f64x2.eq (local.get $q) (v128.const f64x2 1 1)) (f64x2.eq (local.get $q) (v128.const f64x2 2 2)))
                                   (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (local.set $si (v128.xor (local.get $si)
                         (v128.and (f64x2.ge (local.get $q) (v128.const f64x2 2 2))
                                   (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (v128.store (i32.add (local.get $cosOut) (local.get $o)) (local.get $co))
        (v128.store (i32.add (local.get $sinOut) (local.get $o)) (local.get $si))
        ;; a lane outside the Cody–Waite range, or not finite, is redone by Math.cos / Math.sin
        (local.set $out (v128.not (f64x2.le (f64x2.abs (local.get $v))
                                            (v128.const f64x2 823549.6645826427 823549.6645826427))))
        (if (v128.any_true (local.get $out))
          (then
            (if (i64.ne (i64x2.extract_lane 0 (local.get $out)) (i64.const 0))
              (then
                (f64.store (i32.add (local.get $cosOut) (local.get $o)) (call $mcos (f64x2.extract_lane 0 (local.get $v))))
                (f64.store (i32.add (local.get $sinOut) (local.get $o)) (call $msin (f64x2.extract_lane 0 (local.get $v))))))
            (if (i64.ne (i64x2.extract_lane 1 (local.get $out)) (i64.const 0))
              (then
                (f64.store offset=8 (i32.add (local.get $cosOut) (local.get $o)) (call $mcos (f64x2.extract_lane 1 (local.get $v))))
                (f64.store offset=8 (i32.add (local.get $sinOut) (local.get $o)) (call $msin (f64x2.extract_lane 1 (local.get $v))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $points))))

  (func $zeroAcc (param $acc i32) (param $M i32)
    (local $a i32) (local $end i32)
    (local.set $a (local.get $acc))
    (local.set $end (i32.add (local.get $acc) (i32.shl (i32.add (local.get $M) (i32.const 1)) (i32.const 5))))
    (block $done
      (loop $modes
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (v128.store (local.get $a) (v128.const i64x2 0 0))
        (v128.store offset=16 (local.get $a) (v128.const i64x2 0 0))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (br $modes))))

  ;; acc_m += Σⱼ wⱼ e^{−imxⱼ} for m = 0..M over j < n2, from the phasors (model/torusSums.ts's
  ;; fourierMomentsOfPhasors, without its final scale)
  (func $moments (export "momentsOfPhasors") (param $cosX i32) (param $sinX i32) (param $w i32) (param $n2 i32) (param $M i32) (param $acc i32)
    (local $o i32) (local $end i32) (local $a i32) (local $aEnd i32)
    (local $c v128) (local $s v128) (local $pr v128) (local $pi v128) (local $t v128)
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (local.get $n2) (i32.const 3)))
    (local.set $aEnd (i32.add (local.get $acc) (i32.shl (i32.add (local.get $M) (i32.const 1)) (i32.const 5))))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $c (v128.load (i32.add (local.get $cosX) (local.get $o))))
        (local.set $s (v128.load (i32.add (local.get $sinX) (local.get $o))))
        (local.set $pr (v128.load (i32.add (local.get $w) (local.get $o))))
        (local.set $pi (v128.const i64x2 0 0))
        (local.set $a (local.get $acc))
        (block $mdone
          (loop $modes
            (br_if $mdone (i32.ge_u (local.get $a) (local.get $aEnd)))
            (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (local.get $pr)))
            (v128.store offset=16 (local.get $a) (f64x2.sub (v128.load offset=16 (local.get $a)) (local.get $pi)))
            (local.set $t (f64x2.sub (f64x2.mul (local.get $pr) (local.get $c)) (f64x2.mul (local.get $pi) (local.get $s))))
            (local.set $pi (f64x2.add (f64x2.mul (local.get $pr) (local.get $s)) (f64x2.mul (local.get $pi) (local.get $c))))
            (local.set $pr (local.get $t))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (br $modes)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $points))))

  ;; acc ← Σⱼ wⱼ e^{−imxⱼ}, with the phasors of x written to cosOut, sinOut: in chunks of 256
  ;; particles, so the moments read phasors just written (in cache)
  (func (export "phasorMoments") (param $x i32) (param $w i32) (param $n2 i32) (param $M i32) (param $acc i32)
        (param $cosOut i32) (param $sinOut i32)
    (local $j i32) (local $len i32) (local $o i32)
    (call $zeroAcc (local.get $acc) (local.get $M))
    (local.set $j (i32.const 0))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_u (local.get $j) (local.get $n2)))
        (local.set $len (select (i32.const 256) (i32.sub (local.get $n2) (local.get $j))
                                (i32.le_u (i32.const 256) (i32.sub (local.get $n2) (local.get $j)))))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (call $sincos (i32.add (local.get $x) (local.get $o)) (local.get $len)
                      (i32.add (local.get $cosOut) (local.get $o)) (i32.add (local.get $sinOut) (local.get $o)))
        (call $moments (i32.add (local.get $cosOut) (local.get $o)) (i32.add (local.get $sinOut) (local.get $o))
                       (i32.add (local.get $w) (local.get $o)) (local.get $len) (local.get $M) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 256)))
        (br $chunks))))

  ;; An RK4 stage's point (yt, ct) = (y + h·ky, c + h·kc) (particles/integrators.ts), then phasorMoments
  ;; of yt weighted by ct; ct is kept for the velocity, yt only as scratch for the phasors
  (func (export "stageMoments") (param $y i32) (param $c i32) (param $ky i32) (param $kc i32) (param $h f64)
        (param $n2 i32) (param $M i32) (param $acc i32) (param $yt i32) (param $ct i32) (param $cosOut i32) (param $sinOut i32)
    (local $j i32) (local $len i32) (local $o i32) (local $p i32) (local $pEnd i32) (local $hv v128)
    (local.set $hv (f64x2.splat (local.get $h)))
    (call $zeroAcc (local.get $acc) (local.get $M))
    (local.set $j (i32.const 0))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_u (local.get $j) (local.get $n2)))
        (local.set $len (select (i32.const 256) (i32.sub (local.get $n2) (local.get $j))
                                (i32.le_u (i32.const 256) (i32.sub (local.get $n2) (local.get $j)))))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $p (local.get $o))
        (local.set $pEnd (i32.add (local.get $o) (i32.shl (local.get $len) (i32.const 3))))
        (block $sdone
          (loop $stage
            (br_if $sdone (i32.ge_u (local.get $p) (local.get $pEnd)))
            (v128.store (i32.add (local.get $yt) (local.get $p))
              (f64x2.add (v128.load (i32.add (local.get $y) (local.get $p)))
                         (f64x2.mul (local.get $hv) (v128.load (i32.add (local.get $ky) (local.get $p))))))
            (v128.store (i32.add (local.get $ct) (local.get $p))
              (f64x2.add (v128.load (i32.add (local.get $c) (local.get $p)))
                         (f64x2.mul (local.get $hv) (v128.load (i32.add (local.get $kc) (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $stage)))
        (call $sincos (i32.add (local.get $yt) (local.get $o)) (local.get $len)
                      (i32.add (local.get $cosOut) (local.get $o)) (i32.add (local.get $sinOut) (local.get $o)))
        (call $moments (i32.add (local.get $cosOut) (local.get $o)) (i32.add (local.get $sinOut) (local.get $o))
                       (i32.add (local.get $ct) (local.get $o)) (local.get $len) (local.get $M) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 256)))
        (br $chunks))))

  ;; The SGD residual at the batch points, r = f_n(x) − f(x) (particles/sgdGradient.ts): the two real
  ;; series g0 + 2 Σ_{m≥1} Re(ĝ_m e^{imx}) from the points' phasors, f_n's and then f's
  (func (export "batchResidual") (param $cosX i32) (param $sinX i32) (param $n2 i32) (param $M i32)
        (param $fn i32) (param $f i32) (param $r i32)
    (local $o i32) (local $end i32) (local $m i32) (local $g i32) (local $e i32)
    (local $c v128) (local $s v128) (local $pr v128) (local $pi v128) (local $t v128)
    (local $af v128) (local $at v128)
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (local.get $n2) (i32.const 3)))
    (local.set $e (i32.shl (local.get $M) (i32.const 4)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $c (v128.load (i32.add (local.get $cosX) (local.get $o))))
        (local.set $s (v128.load (i32.add (local.get $sinX) (local.get $o))))
        (local.set $pr (local.get $c))
        (local.set $pi (local.get $s))
        (local.set $af (v128.const i64x2 0 0))
        (local.set $at (v128.const i64x2 0 0))
        (local.set $g (i32.const 16))
        (block $mdone
          (loop $modes
            (br_if $mdone (i32.gt_u (local.get $g) (local.get $e)))
            (local.set $af (f64x2.add (local.get $af)
              (f64x2.sub (f64x2.mul (v128.load64_splat (i32.add (local.get $fn) (local.get $g))) (local.get $pr))
                         (f64x2.mul (v128.load64_splat offset=8 (i32.add (local.get $fn) (local.get $g))) (local.get $pi)))))
            (local.set $at (f64x2.add (local.get $at)
              (f64x2.sub (f64x2.mul (v128.load64_splat (i32.add (local.get $f) (local.get $g))) (local.get $pr))
                         (f64x2.mul (v128.load64_splat offset=8 (i32.add (local.get $f) (local.get $g))) (local.get $pi)))))
            (local.set $t (f64x2.sub (f64x2.mul (local.get $pr) (local.get $c)) (f64x2.mul (local.get $pi) (local.get $s))))
            (local.set $pi (f64x2.add (f64x2.mul (local.get $pr) (local.get $s)) (f64x2.mul (local.get $pi) (local.get $c))))
            (local.set $pr (local.get $t))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $modes)))
        (v128.store (i32.add (local.get $r) (local.get $o))
          (f64x2.sub
            (f64x2.add (v128.load64_splat (local.get $fn)) (f64x2.mul (v128.const f64x2 2 2) (local.get $af)))
            (f64x2.add (v128.load64_splat (local.get $f)) (f64x2.mul (v128.const f64x2 2 2) (local.get $at)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $points))))

  ;; U and ∂_yU at the particles from the series coef (model/torusSums.ts's evaluateSeriesOfPhasors),
  ;; then eq. (9)'s velocity v_y = −w·∂_yU (0 if frozen), v_c = −U, where w is the c the phasors
  ;; belong to; and by mode:
  ;;   0: store (v_y, v_c) into (ky, kc);
  ;;   1: forward Euler, (y, c) += h·(v_y, v_c) (w is c itself);
  ;;   2: RK4's last stage, (y, c) += h·(k0 + 2k1 + 2k2 + v), h = Δt/6 (particles/integrators.ts).
  (func (export "velocity") (param $cosY i32) (param $sinY i32) (param $w i32) (param $n2 i32) (param $M i32)
        (param $coef i32) (param $frozen i32) (param $mode i32) (param $h f64)
        (param $ky i32) (param $kc i32) (param $y i32) (param $c i32)
        (param $k0y i32) (param $k0c i32) (param $k1y i32) (param $k1c i32) (param $k2y i32) (param $k2c i32)
    (local $o i32) (local $end i32) (local $g i32) (local $e i32)
    (local $cs v128) (local $sn v128) (local $pr v128) (local $pi v128) (local $t v128)
    (local $ar v128) (local $ai v128) (local $mv v128)
    (local $acc v128) (local $dacc v128) (local $vy v128) (local $vc v128) (local $hv v128) (local $g0 v128)
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (local.get $n2) (i32.const 3)))
    (local.set $e (i32.shl (local.get $M) (i32.const 4)))
    (local.set $hv (f64x2.splat (local.get $h)))
    (local.set $g0 (v128.load64_splat (local.get $coef)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $cs (v128.load (i32.add (local.get $cosY) (local.get $o))))
        (local.set $sn (v128.load (i32.add (local.get $sinY) (local.get $o))))
        (local.set $pr (local.get $cs))
        (local.set $pi (local.get $sn))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $dacc (v128.const i64x2 0 0))
        (local.set $mv (v128.const f64x2 1 1))
        (local.set $g (i32.const 16))
        (block $mdone
          (loop $modes
            (br_if $mdone (i32.gt_u (local.get $g) (local.get $e)))
            (local.set $ar (v128.load64_splat (i32.add (local.get $coef) (local.get $g))))
            (local.set $ai (v128.load64_splat offset=8 (i32.add (local.get $coef) (local.get $g))))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.sub (f64x2.mul (local.get $ar) (local.get $pr)) (f64x2.mul (local.get $ai) (local.get $pi)))))
            (local.set $dacc (f64x2.add (local.get $dacc)
              (f64x2.mul (local.get $mv)
                (f64x2.add (f64x2.mul (local.get $ar) (local.get $pi)) (f64x2.mul (local.get $ai) (local.get $pr))))))
            (local.set $t (f64x2.sub (f64x2.mul (local.get $pr) (local.get $cs)) (f64x2.mul (local.get $pi) (local.get $sn))))
            (local.set $pi (f64x2.add (f64x2.mul (local.get $pr) (local.get $sn)) (f64x2.mul (local.get $pi) (local.get $cs))))
            (local.set $pr (local.get $t))
            (local.set $mv (f64x2.add (local.get $mv) (v128.const f64x2 1 1)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $modes)))
        ;; U = g0 + 2·acc lands in v_c as −U; ∂_yU = −2·dacc, v_y = (−w)·∂_yU
        (local.set $vc (f64x2.neg (f64x2.add (local.get $g0) (f64x2.mul (v128.const f64x2 2 2) (local.get $acc)))))
        (local.set $vy
          (select (result v128) (v128.const i64x2 0 0)
            (f64x2.mul (f64x2.neg (v128.load (i32.add (local.get $w) (local.get $o))))
                       (f64x2.mul (v128.const f64x2 -2 -2) (local.get $dacc)))
            (local.get $frozen)))
        (if (i32.eqz (local.get $mode))
          (then
            (v128.store (i32.add (local.get $ky) (local.get $o)) (local.get $vy))
            (v128.store (i32.add (local.get $kc) (local.get $o)) (local.get $vc)))
          (else
            (if (i32.eq (local.get $mode) (i32.const 2))
              (then
                ;; k0 + 2k1 + 2k2 + k3, left to right as in RungeKutta4.step
                (local.set $vy
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add (v128.load (i32.add (local.get $k0y) (local.get $o)))
                                 (f64x2.mul (v128.const f64x2 2 2) (v128.load (i32.add (local.get $k1y) (local.get $o)))))
                      (f64x2.mul (v128.const f64x2 2 2) (v128.load (i32.add (local.get $k2y) (local.get $o)))))
                    (local.get $vy)))
                (local.set $vc
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add (v128.load (i32.add (local.get $k0c) (local.get $o)))
                                 (f64x2.mul (v128.const f64x2 2 2) (v128.load (i32.add (local.get $k1c) (local.get $o)))))
                      (f64x2.mul (v128.const f64x2 2 2) (v128.load (i32.add (local.get $k2c) (local.get $o)))))
                    (local.get $vc)))))
            (v128.store (i32.add (local.get $y) (local.get $o))
              (f64x2.add (v128.load (i32.add (local.get $y) (local.get $o))) (f64x2.mul (local.get $hv) (local.get $vy))))
            (v128.store (i32.add (local.get $c) (local.get $o))
              (f64x2.add (v128.load (i32.add (local.get $c) (local.get $o))) (f64x2.mul (local.get $hv) (local.get $vc))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $points))))
)

;; The 3-spin SGD engine's inner products in WebAssembly SIMD (f64x2), for particles/spin3Network.ts.
;;
;; Layout (all pointers are byte offsets into the exported memory, arrays of f64):
;;   w[i·d + p], b[i], c[i], gc[i], gw[i·d + p], gb[i] for the units i in [lo, hi);
;;   xT[p·64 + k]: the chunk of at most 64 points transposed, zero-padded to m4 (a multiple of 4);
;;   z[(i − lo)·64 + k]: pre-activations, then (act) the per-point gradient weights g;
;;   r[k]: the residual partial sums, then the residuals (zero for m <= k < m4);
;;   packed: the target's symmetrised couplings S_pqr on p <= q <= r (model/spin3.ts), out[k]: f(x_k);
;;   k[0], k[1]: the step's 1/P and dt (passed in memory: a double argument computed per call is
;;   boxed on the JavaScript heap on its way in).
;; Every loop runs over points two at a time (one v128 holds two points), so each point's sum over
;; coordinates (pre) and over units (reluPartial, sigmoidPartial) is summed in the order of a plain loop,
;; with its rounding; the sums over points (act, wgrad) run in two lanes and differ from it by rounding.
(module
  (memory (export "memory") 1)
  ;; set by wgrad / wgradStep: this chunk is its batch's first (addLanes, addPairs store, not add)
  (global $first (mut i32) (i32.const 0))

  ;; z = b + w · x for every unit and point: four units by four points per pass over the coordinates
  (func (export "pre") (param $w i32) (param $b i32) (param $xT i32) (param $z i32)
        (param $lo i32) (param $hi i32) (param $d i32) (param $m4 i32)
    (local $i i32) (local $k i32) (local $p i32) (local $row i32)
    (local $w0 i32) (local $xo i32) (local $zo i32) (local $wp i32) (local $bi i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $e0 v128) (local $e1 v128)
    (local $x0 v128) (local $x1 v128) (local $u v128)
    (local $row2 i32) (local $row3 i32) (local $wp1 i32) (local $wp2 i32) (local $wp3 i32) (local $wEnd i32)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $row2 (i32.shl (local.get $row) (i32.const 1)))
    (local.set $row3 (i32.add (local.get $row2) (local.get $row)))
    (local.set $i (local.get $lo))
    (block $done4
      (loop $units4
        (br_if $done4 (i32.ge_s (i32.add (local.get $i) (i32.const 3)) (local.get $hi)))
        (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $row))))
        (local.set $wEnd (i32.add (local.get $w0) (local.get $row)))
        (local.set $bi (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $points
            (br_if $kdone (i32.ge_s (local.get $k) (local.get $m4)))
            (local.set $a0 (f64x2.splat (f64.load (local.get $bi))))
            (local.set $a1 (local.get $a0))
            (local.set $b0 (f64x2.splat (f64.load offset=8 (local.get $bi))))
            (local.set $b1 (local.get $b0))
            (local.set $c0 (f64x2.splat (f64.load offset=16 (local.get $bi))))
            (local.set $c1 (local.get $c0))
            (local.set $e0 (f64x2.splat (f64.load offset=24 (local.get $bi))))
            (local.set $e1 (local.get $e0))
            (local.set $xo (i32.add (local.get $xT) (i32.shl (local.get $k) (i32.const 3))))
            ;; the four rows' cursors, so a coordinate costs no address arithmetic but their steps
            (local.set $wp (local.get $w0))
            (local.set $wp1 (i32.add (local.get $w0) (local.get $row)))
            (local.set $wp2 (i32.add (local.get $w0) (local.get $row2)))
            (local.set $wp3 (i32.add (local.get $w0) (local.get $row3)))
            (block $pdone
              (loop $coords
                (br_if $pdone (i32.ge_u (local.get $wp) (local.get $wEnd)))
                (local.set $x0 (v128.load (local.get $xo)))
                (local.set $x1 (v128.load offset=16 (local.get $xo)))
                (local.set $u (f64x2.splat (f64.load (local.get $wp))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $u) (local.get $x0))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $u) (local.get $x1))))
                (local.set $u (f64x2.splat (f64.load (local.get $wp1))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $u) (local.get $x0))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $u) (local.get $x1))))
                (local.set $u (f64x2.splat (f64.load (local.get $wp2))))
                (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $u) (local.get $x0))))
                (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $u) (local.get $x1))))
                (local.set $u (f64x2.splat (f64.load (local.get $wp3))))
                (local.set $e0 (f64x2.add (local.get $e0) (f64x2.mul (local.get $u) (local.get $x0))))
                (local.set $e1 (f64x2.add (local.get $e1) (f64x2.mul (local.get $u) (local.get $x1))))
                (local.set $xo (i32.add (local.get $xo) (i32.const 512)))
                (local.set $wp (i32.add (local.get $wp) (i32.const 8)))
                (local.set $wp1 (i32.add (local.get $wp1) (i32.const 8)))
                (local.set $wp2 (i32.add (local.get $wp2) (i32.const 8)))
                (local.set $wp3 (i32.add (local.get $wp3) (i32.const 8)))
                (br $coords)))
            (local.set $zo (i32.add (local.get $z) (i32.shl (i32.add (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 6)) (local.get $k)) (i32.const 3))))
            (v128.store (local.get $zo) (local.get $a0))
            (v128.store offset=16 (local.get $zo) (local.get $a1))
            (v128.store offset=512 (local.get $zo) (local.get $b0))
            (v128.store offset=528 (local.get $zo) (local.get $b1))
            (v128.store offset=1024 (local.get $zo) (local.get $c0))
            (v128.store offset=1040 (local.get $zo) (local.get $c1))
            (v128.store offset=1536 (local.get $zo) (local.get $e0))
            (v128.store offset=1552 (local.get $zo) (local.get $e1))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $points)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $units4)))
    (block $done1
      (loop $units1
        (br_if $done1 (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $row))))
        (local.set $k (i32.const 0))
        (block $kdone1
          (loop $points1
            (br_if $kdone1 (i32.ge_s (local.get $k) (local.get $m4)))
            (local.set $a0 (f64x2.splat (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3))))))
            (local.set $a1 (local.get $a0))
            (local.set $xo (i32.add (local.get $xT) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $wp (local.get $w0))
            (local.set $p (i32.const 0))
            (block $pdone1
              (loop $coords1
                (br_if $pdone1 (i32.ge_s (local.get $p) (local.get $d)))
                (local.set $u (f64x2.splat (f64.load (local.get $wp))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $u) (v128.load (local.get $xo)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $u) (v128.load offset=16 (local.get $xo)))))
                (local.set $xo (i32.add (local.get $xo) (i32.const 512)))
                (local.set $wp (i32.add (local.get $wp) (i32.const 8)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $coords1)))
            (local.set $zo (i32.add (local.get $z) (i32.shl (i32.add (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 6)) (local.get $k)) (i32.const 3))))
            (v128.store (local.get $zo) (local.get $a0))
            (v128.store offset=16 (local.get $zo) (local.get $a1))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $points1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units1))))

  ;; the target f(x_k) = (1/d) Σ_{p≤q≤r} S_pqr x_p x_q x_r for the points k < m4 of xT, four points at a
  ;; time (the points in the lanes, so each point's sums keep model/spin3.ts's order and rounding)
  (func (export "target") (param $packed i32) (param $xT i32) (param $out i32) (param $d i32) (param $m4 i32)
    (local $k i32) (local $p i32) (local $q i32) (local $r i32) (local $kp i32) (local $xo i32) (local $at i32)
    (local $acc0 v128) (local $acc1 v128) (local $in0 v128) (local $in1 v128) (local $s0 v128) (local $s1 v128) (local $a v128)
    (local $inv v128)
    (local.set $inv (f64x2.splat (f64.convert_i32_s (local.get $d))))
    (local.set $k (i32.const 0))
    (block $kdone
      (loop $points
        (br_if $kdone (i32.ge_s (local.get $k) (local.get $m4)))
        (local.set $xo (i32.add (local.get $xT) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $kp (local.get $packed))
        (local.set $acc0 (v128.const i64x2 0 0))
        (local.set $acc1 (v128.const i64x2 0 0))
        (local.set $p (i32.const 0))
        (block $pdone
          (loop $ps
            (br_if $pdone (i32.ge_s (local.get $p) (local.get $d)))
            (local.set $in0 (v128.const i64x2 0 0))
            (local.set $in1 (v128.const i64x2 0 0))
            (local.set $q (local.get $p))
            (block $qdone
              (loop $qs
                (br_if $qdone (i32.ge_s (local.get $q) (local.get $d)))
                (local.set $s0 (v128.const i64x2 0 0))
                (local.set $s1 (v128.const i64x2 0 0))
                (local.set $at (i32.add (local.get $xo) (i32.shl (local.get $q) (i32.const 9))))
                (local.set $r (local.get $q))
                (block $rdone
                  (loop $rs
                    (br_if $rdone (i32.ge_s (local.get $r) (local.get $d)))
                    (local.set $a (f64x2.splat (f64.load (local.get $kp))))
                    (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (v128.load (local.get $at)))))
                    (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a) (v128.load offset=16 (local.get $at)))))
                    (local.set $kp (i32.add (local.get $kp) (i32.const 8)))
                    (local.set $at (i32.add (local.get $at) (i32.const 512)))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $rs)))
                (local.set $at (i32.add (local.get $xo) (i32.shl (local.get $q) (i32.const 9))))
                (local.set $in0 (f64x2.add (local.get $in0) (f64x2.mul (v128.load (local.get $at)) (local.get $s0))))
                (local.set $in1 (f64x2.add (local.get $in1) (f64x2.mul (v128.load offset=16 (local.get $at)) (local.get $s1))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $qs)))
            (local.set $at (i32.add (local.get $xo) (i32.shl (local.get $p) (i32.const 9))))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $at)) (local.get $in0))))
            (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $at)) (local.get $in1))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ps)))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (v128.store (local.get $at) (f64x2.div (local.get $acc0) (local.get $inv)))
        (v128.store offset=16 (local.get $at) (f64x2.div (local.get $acc1) (local.get $inv)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $points))))

  ;; r[k] = −Σ_i c_i max(z_ik, 0) over the units, k < m4, four units per pass over the points (pmax, not
  ;; max: one instruction, and the two differ only on NaN and signed zeros, which change no sum here)
  (func (export "reluPartial") (param $z i32) (param $c i32) (param $r i32) (param $lo i32) (param $hi i32) (param $m4 i32)
    (local $i i32) (local $k i32) (local $zo i32) (local $ro i32) (local $ci i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $acc v128) (local $zero v128)
    (local.set $zero (f64x2.splat (f64.const 0)))
    (local.set $k (i32.const 0))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_s (local.get $k) (local.get $m4)))
        (v128.store (i32.add (local.get $r) (i32.shl (local.get $k) (i32.const 3))) (local.get $zero))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $clear)))
    (local.set $i (local.get $lo))
    (block $done4
      (loop $units4
        (br_if $done4 (i32.ge_s (i32.add (local.get $i) (i32.const 3)) (local.get $hi)))
        (local.set $ci (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $c0 (f64x2.splat (f64.load (local.get $ci))))
        (local.set $c1 (f64x2.splat (f64.load offset=8 (local.get $ci))))
        (local.set $c2 (f64x2.splat (f64.load offset=16 (local.get $ci))))
        (local.set $c3 (f64x2.splat (f64.load offset=24 (local.get $ci))))
        (local.set $zo (i32.add (local.get $z) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $ro (local.get $r))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $points
            (br_if $kdone (i32.ge_s (local.get $k) (local.get $m4)))
            (local.set $acc (v128.load (local.get $ro)))
            (local.set $acc (f64x2.sub (local.get $acc) (f64x2.mul (local.get $c0) (f64x2.pmax (v128.load (local.get $zo)) (local.get $zero)))))
            (local.set $acc (f64x2.sub (local.get $acc) (f64x2.mul (local.get $c1) (f64x2.pmax (v128.load offset=512 (local.get $zo)) (local.get $zero)))))
            (local.set $acc (f64x2.sub (local.get $acc) (f64x2.mul (local.get $c2) (f64x2.pmax (v128.load offset=1024 (local.get $zo)) (local.get $zero)))))
            (local.set $acc (f64x2.sub (local.get $acc) (f64x2.mul (local.get $c3) (f64x2.pmax (v128.load offset=1536 (local.get $zo)) (local.get $zero)))))
            (v128.store (local.get $ro) (local.get $acc))
            (local.set $zo (i32.add (local.get $zo) (i32.const 16)))
            (local.set $ro (i32.add (local.get $ro) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (br $points)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $units4)))
    (block $done1
      (loop $units1
        (br_if $done1 (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $c0 (f64x2.splat (f64.load (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $zo (i32.add (local.get $z) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $ro (local.get $r))
        (local.set $k (i32.const 0))
        (block $kdone1
          (loop $points1
            (br_if $kdone1 (i32.ge_s (local.get $k) (local.get $m4)))
            (v128.store (local.get $ro)
              (f64x2.sub (v128.load (local.get $ro)) (f64x2.mul (local.get $c0) (f64x2.pmax (v128.load (local.get $zo)) (local.get $zero)))))
            (local.set $zo (i32.add (local.get $zo) (i32.const 16)))
            (local.set $ro (i32.add (local.get $ro) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (br $points1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units1))))

  ;; sigmoid units: h = 1 / (1 + e^{−z}) into z, and r[k] = −Σ_i c_i h_ik, k < m4. The exponential is
  ;; fdlibm's reduction e^t = 2^j e^u (j = round(t/ln 2) by adding 1.5·2^52, which also leaves j in the
  ;; low bits for 2^j; u = t − j ln 2 in two parts, |u| <= ln2/2)
  ;; with e^u by its Taylor polynomial to u^13 (truncation < 1e-17 relatively), t clamped to ±708 so
  ;; 2^j stays normal: within a few ulp of Math.exp, and the same bits on every machine.
  (func (export "sigmoidPartial") (param $z i32) (param $c i32) (param $r i32) (param $lo i32) (param $hi i32) (param $m4 i32)
    (local $i i32) (local $k i32) (local $zo i32) (local $ro i32)
    (local $ci v128) (local $t v128) (local $m v128) (local $j v128) (local $u v128) (local $e v128) (local $h v128)
    (local $t2 v128) (local $m2 v128) (local $j2 v128) (local $u2 v128) (local $e2 v128) (local $h2 v128)
    (local.set $k (i32.const 0))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_s (local.get $k) (local.get $m4)))
        (v128.store (i32.add (local.get $r) (i32.shl (local.get $k) (i32.const 3))) (v128.const i64x2 0 0))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $clear)))
    (local.set $i (local.get $lo))
    (block $done
      (loop $units
        (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $ci (f64x2.splat (f64.load (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $zo (i32.add (local.get $z) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $ro (local.get $r))
        (local.set $k (i32.const 0))
        (block $kdone
          (loop $points
            (br_if $kdone (i32.ge_s (local.get $k) (local.get $m4)))
            ;; two pairs of points a pass (m4 is a multiple of 4), their chains independent: the same
            ;; operations per point as one pair a pass
            (local.set $t (f64x2.pmin (f64x2.pmax (f64x2.neg (v128.load (local.get $zo))) (v128.const f64x2 -708 -708)) (v128.const f64x2 708 708)))
            (local.set $t2 (f64x2.pmin (f64x2.pmax (f64x2.neg (v128.load offset=16 (local.get $zo))) (v128.const f64x2 -708 -708)) (v128.const f64x2 708 708)))
            (local.set $m (f64x2.add (f64x2.mul (local.get $t) (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00)) (v128.const f64x2 6755399441055744 6755399441055744)))
            (local.set $m2 (f64x2.add (f64x2.mul (local.get $t2) (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00)) (v128.const f64x2 6755399441055744 6755399441055744)))
            (local.set $j (f64x2.sub (local.get $m) (v128.const f64x2 6755399441055744 6755399441055744)))
            (local.set $j2 (f64x2.sub (local.get $m2) (v128.const f64x2 6755399441055744 6755399441055744)))
            (local.set $u (f64x2.sub (f64x2.sub (local.get $t) (f64x2.mul (local.get $j) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
              (f64x2.mul (local.get $j) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
            (local.set $u2 (f64x2.sub (f64x2.sub (local.get $t2) (f64x2.mul (local.get $j2) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
              (f64x2.mul (local.get $j2) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
            (local.set $e (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $e2 (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 1.984126984126984e-04 1.984126984126984e-04)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 1.984126984126984e-04 1.984126984126984e-04)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 1.388888888888889e-03 1.388888888888889e-03)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 1.388888888888889e-03 1.388888888888889e-03)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 8.333333333333333e-03 8.333333333333333e-03)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 8.333333333333333e-03 8.333333333333333e-03)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 4.1666666666666664e-02 4.1666666666666664e-02)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 4.1666666666666664e-02 4.1666666666666664e-02)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 0.5 0.5)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 0.5 0.5)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 1 1)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 1 1)))
            (local.set $e (f64x2.add (f64x2.mul (local.get $e) (local.get $u)) (v128.const f64x2 1 1)))
            (local.set $e2 (f64x2.add (f64x2.mul (local.get $e2) (local.get $u2)) (v128.const f64x2 1 1)))
            ;; × 2^j: m's low bits hold j, so j + 1023 shifted into the exponent field is 2^j
            (local.set $e (f64x2.mul (local.get $e)
              (i64x2.shl (i64x2.add (local.get $m) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $e2 (f64x2.mul (local.get $e2)
              (i64x2.shl (i64x2.add (local.get $m2) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $h (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (local.get $e))))
            (local.set $h2 (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (local.get $e2))))
            (v128.store (local.get $zo) (local.get $h))
            (v128.store offset=16 (local.get $zo) (local.get $h2))
            (v128.store (local.get $ro) (f64x2.sub (v128.load (local.get $ro)) (f64x2.mul (local.get $ci) (local.get $h))))
            (v128.store offset=16 (local.get $ro) (f64x2.sub (v128.load offset=16 (local.get $ro)) (f64x2.mul (local.get $ci) (local.get $h2))))
            (local.set $zo (i32.add (local.get $zo) (i32.const 32)))
            (local.set $ro (i32.add (local.get $ro) (i32.const 32)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $points)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units))))

  ;; per unit: g_k = r_k h'(z_k) into z (ReLU: r_k [z_k > 0]; sigmoid, z holding h: r_k h (1 − h)),
  ;; gc_i += Σ_k r_k h(z_k), gb_i += Σ_k g_k
  (func (export "act") (param $z i32) (param $r i32) (param $gc i32) (param $gb i32)
        (param $lo i32) (param $hi i32) (param $m4 i32) (param $relu i32)
    (local $i i32) (local $k i32) (local $zo i32) (local $ro i32) (local $end i32) (local $at i32)
    (local $s v128) (local $rr v128) (local $g v128) (local $sc v128) (local $sb v128) (local $zero v128) (local $one v128)
    (local.set $zero (f64x2.splat (f64.const 0)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $i (local.get $lo))
    (block $done
      (loop $units
        (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $zo (i32.add (local.get $z) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $end (i32.add (local.get $zo) (i32.shl (local.get $m4) (i32.const 3))))
        (local.set $ro (local.get $r))
        (local.set $sc (local.get $zero))
        (local.set $sb (local.get $zero))
        (if (local.get $relu)
          (then
            (block $kdone
              (loop $points
                (br_if $kdone (i32.ge_u (local.get $zo) (local.get $end)))
                (local.set $s (v128.load (local.get $zo)))
                (local.set $g (v128.and (v128.load (local.get $ro)) (f64x2.gt (local.get $s) (local.get $zero))))
                (local.set $sc (f64x2.add (local.get $sc) (f64x2.mul (local.get $g) (local.get $s))))
                (local.set $sb (f64x2.add (local.get $sb) (local.get $g)))
                (v128.store (local.get $zo) (local.get $g))
                (local.set $zo (i32.add (local.get $zo) (i32.const 16)))
                (local.set $ro (i32.add (local.get $ro) (i32.const 16)))
                (br $points))))
          (else
            (block $kdone2
              (loop $points2
                (br_if $kdone2 (i32.ge_u (local.get $zo) (local.get $end)))
                (local.set $s (v128.load (local.get $zo)))
                (local.set $rr (f64x2.mul (v128.load (local.get $ro)) (local.get $s)))
                (local.set $sc (f64x2.add (local.get $sc) (local.get $rr)))
                (local.set $g (f64x2.mul (local.get $rr) (f64x2.sub (local.get $one) (local.get $s))))
                (local.set $sb (f64x2.add (local.get $sb) (local.get $g)))
                (v128.store (local.get $zo) (local.get $g))
                (local.set $zo (i32.add (local.get $zo) (i32.const 16)))
                (local.set $ro (i32.add (local.get $ro) (i32.const 16)))
                (br $points2)))))
        (local.set $at (i32.add (local.get $gc) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
          (f64.add (f64x2.extract_lane 0 (local.get $sc)) (f64x2.extract_lane 1 (local.get $sc)))))
        (local.set $at (i32.add (local.get $gb) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
          (f64.add (f64x2.extract_lane 0 (local.get $sb)) (f64x2.extract_lane 1 (local.get $sb)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units))))

  ;; gw[i·d + p] += Σ_k g_ik xT[p·64 + k]: two units by four coordinates per pass over the points
  (func (export "wgrad") (param $g i32) (param $xT i32) (param $gw i32)
        (param $lo i32) (param $hi i32) (param $d i32) (param $m4 i32) (param $firstChunk i32)
    (global.set $first (local.get $firstChunk))
    (call $wgrad (local.get $g) (local.get $xT) (local.get $gw) (local.get $lo) (local.get $hi) (local.get $d) (local.get $m4)
                 (i32.const 0) (i32.const 0) (f64.const 0) (f64.const 0) (i32.const 0)))

  ;; wgrad on a batch's last chunk, each unit's row then finished while it is in cache (the SGD
  ;; step, Spin3Network.step): gw_i· ·= c_i/P and w_i· += dt·gw_i·, the operations of the scalar
  ;; loops they replace in their order (at d = 50, n = 10⁴ the separate passes over w and gw were a
  ;; fifth of the step)
  (func (export "wgradStep") (param $g i32) (param $xT i32) (param $gw i32)
        (param $lo i32) (param $hi i32) (param $d i32) (param $m4 i32)
        (param $firstChunk i32) (param $c i32) (param $w i32) (param $k i32)
    (global.set $first (local.get $firstChunk))
    (call $wgrad (local.get $g) (local.get $xT) (local.get $gw) (local.get $lo) (local.get $hi) (local.get $d) (local.get $m4)
                 (local.get $c) (local.get $w) (f64.load (local.get $k)) (f64.load offset=8 (local.get $k)) (i32.const 1)))

  (func $wgrad (param $g i32) (param $xT i32) (param $gw i32)
        (param $lo i32) (param $hi i32) (param $d i32) (param $m4 i32)
        (param $c i32) (param $w i32) (param $inv f64) (param $dt f64) (param $apply i32)
    (local $i i32) (local $p i32) (local $row i32) (local $k8 i32) (local $n8 i32)
    (local $g0 i32) (local $wo i32) (local $xo i32) (local $at i32) (local $gp i32) (local $gEnd i32)
    (local $ga v128) (local $gb v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $row (i32.shl (local.get $d) (i32.const 3)))
    (local.set $n8 (i32.shl (local.get $m4) (i32.const 3)))
    (local.set $i (local.get $lo))
    (block $done2
      (loop $units2
        (br_if $done2 (i32.ge_s (i32.add (local.get $i) (i32.const 1)) (local.get $hi)))
        (local.set $g0 (i32.add (local.get $g) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $wo (i32.add (local.get $gw) (i32.mul (local.get $i) (local.get $row))))
        (local.set $p (i32.const 0))
        (block $pdone4
          (loop $coords4
            (br_if $pdone4 (i32.ge_s (i32.add (local.get $p) (i32.const 3)) (local.get $d)))
            (local.set $s00 (v128.const i64x2 0 0)) (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s02 (v128.const i64x2 0 0)) (local.set $s03 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0)) (local.set $s11 (v128.const i64x2 0 0))
            (local.set $s12 (v128.const i64x2 0 0)) (local.set $s13 (v128.const i64x2 0 0))
            ;; cursors over the points of g and of xT, so a pass costs no address arithmetic but their steps
            (local.set $at (i32.add (local.get $xT) (i32.shl (local.get $p) (i32.const 9))))
            (local.set $gp (local.get $g0))
            (local.set $gEnd (i32.add (local.get $g0) (local.get $n8)))
            (block $kdone
              (loop $points
                (br_if $kdone (i32.ge_u (local.get $gp) (local.get $gEnd)))
                (local.set $ga (v128.load (local.get $gp)))
                (local.set $gb (v128.load offset=512 (local.get $gp)))
                (local.set $x0 (v128.load (local.get $at)))
                (local.set $x1 (v128.load offset=512 (local.get $at)))
                (local.set $x2 (v128.load offset=1024 (local.get $at)))
                (local.set $x3 (v128.load offset=1536 (local.get $at)))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $ga) (local.get $x0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $ga) (local.get $x1))))
                (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $ga) (local.get $x2))))
                (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $ga) (local.get $x3))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $gb) (local.get $x0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $gb) (local.get $x1))))
                (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $gb) (local.get $x2))))
                (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $gb) (local.get $x3))))
                (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br $points)))
            (local.set $at (i32.add (local.get $wo) (i32.shl (local.get $p) (i32.const 3))))
            (call $addPairs (local.get $at) (local.get $s00) (local.get $s01))
            (call $addPairs (i32.add (local.get $at) (i32.const 16)) (local.get $s02) (local.get $s03))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (call $addPairs (local.get $at) (local.get $s10) (local.get $s11))
            (call $addPairs (i32.add (local.get $at) (i32.const 16)) (local.get $s12) (local.get $s13))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $coords4)))
        (block $pdone1
          (loop $coords1
            (br_if $pdone1 (i32.ge_s (local.get $p) (local.get $d)))
            (local.set $s00 (v128.const i64x2 0 0)) (local.set $s10 (v128.const i64x2 0 0))
            (local.set $xo (i32.add (local.get $xT) (i32.shl (local.get $p) (i32.const 9))))
            (local.set $k8 (i32.const 0))
            (block $kdone1
              (loop $points1
                (br_if $kdone1 (i32.ge_s (local.get $k8) (local.get $n8)))
                (local.set $x0 (v128.load (i32.add (local.get $xo) (local.get $k8))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (v128.load (i32.add (local.get $g0) (local.get $k8))) (local.get $x0))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (v128.load offset=512 (i32.add (local.get $g0) (local.get $k8))) (local.get $x0))))
                (local.set $k8 (i32.add (local.get $k8) (i32.const 16)))
                (br $points1)))
            (local.set $at (i32.add (local.get $wo) (i32.shl (local.get $p) (i32.const 3))))
            (call $addLanes (local.get $at) (local.get $s00))
            (call $addLanes (i32.add (local.get $at) (local.get $row)) (local.get $s10))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $coords1)))
        (if (local.get $apply)
          (then
            (call $stepRow (local.get $c) (local.get $w) (local.get $gw) (local.get $i) (local.get $d) (local.get $inv) (local.get $dt))
            (call $stepRow (local.get $c) (local.get $w) (local.get $gw) (i32.add (local.get $i) (i32.const 1)) (local.get $d) (local.get $inv) (local.get $dt))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $units2)))
    ;; a last unit alone, one coordinate at a time
    (if (i32.lt_s (local.get $i) (local.get $hi))
      (then
        (local.set $g0 (i32.add (local.get $g) (i32.shl (i32.sub (local.get $i) (local.get $lo)) (i32.const 9))))
        (local.set $wo (i32.add (local.get $gw) (i32.mul (local.get $i) (local.get $row))))
        (local.set $p (i32.const 0))
        (block $pdone
          (loop $coords
            (br_if $pdone (i32.ge_s (local.get $p) (local.get $d)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $xo (i32.add (local.get $xT) (i32.shl (local.get $p) (i32.const 9))))
            (local.set $k8 (i32.const 0))
            (block $kdone2
              (loop $points2
                (br_if $kdone2 (i32.ge_s (local.get $k8) (local.get $n8)))
                (local.set $s00 (f64x2.add (local.get $s00)
                  (f64x2.mul (v128.load (i32.add (local.get $g0) (local.get $k8))) (v128.load (i32.add (local.get $xo) (local.get $k8))))))
                (local.set $k8 (i32.add (local.get $k8) (i32.const 16)))
                (br $points2)))
            (call $addLanes (i32.add (local.get $wo) (i32.shl (local.get $p) (i32.const 3))) (local.get $s00))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $coords)))
        (if (local.get $apply)
          (then (call $stepRow (local.get $c) (local.get $w) (local.get $gw) (local.get $i) (local.get $d) (local.get $inv) (local.get $dt)))))))

  ;; unit i's row: gw_i· ·= c_i·(1/P), then w_i· += dt·gw_i·
  (func $stepRow (param $c i32) (param $w i32) (param $gw i32) (param $i i32) (param $d i32) (param $inv f64) (param $dt f64)
    (local $q i32) (local $end i32) (local $to i32) (local $s f64) (local $sv v128) (local $dv v128) (local $v v128) (local $x f64)
    (local.set $s (f64.mul (f64.load (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 3)))) (local.get $inv)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $dv (f64x2.splat (local.get $dt)))
    (local.set $q (i32.add (local.get $gw) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
    (local.set $end (i32.add (local.get $q) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $to (i32.sub (local.get $w) (local.get $gw)))
    (block $pdone
      (loop $pairs
        (br_if $pdone (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $end)))
        (local.set $v (f64x2.mul (v128.load (local.get $q)) (local.get $sv)))
        (v128.store (local.get $q) (local.get $v))
        (v128.store (i32.add (local.get $q) (local.get $to))
          (f64x2.add (v128.load (i32.add (local.get $q) (local.get $to))) (f64x2.mul (local.get $dv) (local.get $v))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $q) (local.get $end))
      (then
        (local.set $x (f64.mul (f64.load (local.get $q)) (local.get $s)))
        (f64.store (local.get $q) (local.get $x))
        (f64.store (i32.add (local.get $q) (local.get $to))
          (f64.add (f64.load (i32.add (local.get $q) (local.get $to))) (f64.mul (local.get $dt) (local.get $x)))))))

  ;; The batch means of the velocity (Spin3Network.accumulateGradient): per unit, gc_i ·= 1/P and
  ;; gb_i, gw_i· ·= c_i/P, the operations of the scalar loop in its order (c_i·(1/P) once, then each product)
  (func (export "scale") (param $c i32) (param $gc i32) (param $gw i32) (param $gb i32)
        (param $lo i32) (param $hi i32) (param $d i32) (param $k i32)
    (local $i i32) (local $o i32) (local $q i32) (local $end i32) (local $s f64) (local $sv v128) (local $inv f64)
    (local.set $inv (f64.load (local.get $k)))
    (local.set $i (local.get $lo))
    (block $done
      (loop $units
        (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $s (f64.mul (f64.load (i32.add (local.get $c) (local.get $o))) (local.get $inv)))
        (f64.store (i32.add (local.get $gc) (local.get $o)) (f64.mul (f64.load (i32.add (local.get $gc) (local.get $o))) (local.get $inv)))
        (f64.store (i32.add (local.get $gb) (local.get $o)) (f64.mul (f64.load (i32.add (local.get $gb) (local.get $o))) (local.get $s)))
        (local.set $sv (f64x2.splat (local.get $s)))
        (local.set $q (i32.add (local.get $gw) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $end (i32.add (local.get $q) (i32.shl (local.get $d) (i32.const 3))))
        (block $pdone
          (loop $pairs
            (br_if $pdone (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $end)))
            (v128.store (local.get $q) (f64x2.mul (v128.load (local.get $q)) (local.get $sv)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_u (local.get $q) (local.get $end))
          (then (f64.store (local.get $q) (f64.mul (f64.load (local.get $q)) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units))))

  ;; The SGD step's end for c and b (Spin3Network.step, eq. 22; w's rows were finished by
  ;; wgradStep): gc_i ·= 1/P, gb_i ·= c_i·(1/P), then c_i, b_i += dt·(gc_i, gb_i)
  (func (export "stepUnits") (param $c i32) (param $b i32) (param $gc i32) (param $gb i32)
        (param $lo i32) (param $hi i32) (param $k i32)
    (local $i i32) (local $o i32) (local $s f64) (local $x f64) (local $inv f64) (local $dt f64)
    (local.set $inv (f64.load (local.get $k)))
    (local.set $dt (f64.load offset=8 (local.get $k)))
    (local.set $i (local.get $lo))
    (block $done
      (loop $units
        (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $s (f64.mul (f64.load (i32.add (local.get $c) (local.get $o))) (local.get $inv)))
        (local.set $x (f64.mul (f64.load (i32.add (local.get $gc) (local.get $o))) (local.get $inv)))
        (f64.store (i32.add (local.get $gc) (local.get $o)) (local.get $x))
        (f64.store (i32.add (local.get $c) (local.get $o)) (f64.add (f64.load (i32.add (local.get $c) (local.get $o))) (f64.mul (local.get $dt) (local.get $x))))
        (local.set $x (f64.mul (f64.load (i32.add (local.get $gb) (local.get $o))) (local.get $s)))
        (f64.store (i32.add (local.get $gb) (local.get $o)) (local.get $x))
        (f64.store (i32.add (local.get $b) (local.get $o)) (f64.add (f64.load (i32.add (local.get $b) (local.get $o))) (f64.mul (local.get $dt) (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $units))))

  ;; mem[at] += lane 0 + lane 1; on a batch's first chunk ($first) mem[at] = lane 0 + lane 1, so the
  ;; sums need no zeroed array (a pass over n·d values fewer; the same sums but for the sign of a zero)
  (func $addLanes (param $at i32) (param $v v128)
    (local $x f64)
    (local.set $x (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))
    (if (global.get $first)
      (then (f64.store (local.get $at) (local.get $x)))
      (else (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $x))))))

  ;; mem[at], mem[at + 8] += the lane sums of a, of b: addLanes twice, in one vector
  (func $addPairs (param $at i32) (param $a v128) (param $b v128)
    (local $v v128)
    (local.set $v (f64x2.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b))
                             (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b))))
    (if (global.get $first)
      (then (v128.store (local.get $at) (local.get $v)))
      (else (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (local.get $v)))))))

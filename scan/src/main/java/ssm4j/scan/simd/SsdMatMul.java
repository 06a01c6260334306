package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import ssm4j.api.simd.VecMath;

/**
 * The one register-blocked product of the chunked SSD (SPEC 12.4): {@code C[i][j] (+)= Σ_k A[i][k]·B[k][j]} for
 * row-major slices, with the columns j in vector lanes. Every intra-chunk product has this form once the state is
 * kept transposed (N×P): C·Bᵀ (Q×N by N×Q), the decay-masked (Q×Q)·(Q×P), C·S (Q×N by N×P) and Bᵀ·(w∘X)
 * (N×Q by Q×P). The kernel holds a 4-row × 4-vector tile of C in 16 accumulators, so each k step loads four B
 * vectors and broadcasts four A values for 16 FMAs (AVX-512 has 32 registers; the tile leaves room for the
 * operands). Tails: remaining rows one at a time, remaining columns one vector at a time, the last one masked.
 * Stateless; allocation-free once the JIT has scalar-replaced the vectors.
 */
final class SsdMatMul {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();

    private SsdMatMul() {
    }

    /**
     * {@code C = A·B} ({@code acc} false) or {@code C += A·B}; A is m×k ({@code a[aOff + i·lda + kk]}), B k×n
     * ({@code b[bOff + kk·ldb + j]}), C m×n. With {@code causal}, row i uses only {@code kk < i + 4} rounded to its
     * 4-row tile (A must be zero above its diagonal there): the lower-triangular decay matrix of (12.4a).
     */
    static void mul(int m, int n, int k, boolean causal, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float[] c, int cOff, int ldc, boolean acc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int kEnd = causal ? Math.min(k, i + 4) : k;
            int j = 0;
            for (; j + 4 * V <= n; j += 4 * V) {
                tile4x4(kEnd, a, aOff + i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, acc);
            }
            for (; j < n; j += V) {
                VectorMask<Float> mask = F.indexInRange(j, n);
                for (int r = 0; r < 4; r++) {
                    row1(kEnd, a, aOff + (i + r) * lda, b, bOff + j, ldb, c, cOff + (i + r) * ldc + j, acc, mask);
                }
            }
        }
        for (; i < m; i++) {
            int kEnd = causal ? Math.min(k, i + 1) : k;
            for (int j = 0; j < n; j += V) {
                row1(kEnd, a, aOff + i * lda, b, bOff + j, ldb, c, cOff + i * ldc + j, acc, F.indexInRange(j, n));
            }
        }
    }

    /** 4 rows × 4 full vectors of C over {@code kEnd} terms. */
    private static void tile4x4(int kEnd, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0,
                                int ldc, boolean acc) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        for (int kk = 0; kk < kEnd; kk++) {
            int bo = b0 + kk * ldb;
            FloatVector b0v = FloatVector.fromArray(F, b, bo);
            FloatVector b1v = FloatVector.fromArray(F, b, bo + V);
            FloatVector b2v = FloatVector.fromArray(F, b, bo + 2 * V);
            FloatVector b3v = FloatVector.fromArray(F, b, bo + 3 * V);
            FloatVector av = FloatVector.broadcast(F, a[a0 + kk]);
            c00 = av.fma(b0v, c00);
            c01 = av.fma(b1v, c01);
            c02 = av.fma(b2v, c02);
            c03 = av.fma(b3v, c03);
            av = FloatVector.broadcast(F, a[a0 + lda + kk]);
            c10 = av.fma(b0v, c10);
            c11 = av.fma(b1v, c11);
            c12 = av.fma(b2v, c12);
            c13 = av.fma(b3v, c13);
            av = FloatVector.broadcast(F, a[a0 + 2 * lda + kk]);
            c20 = av.fma(b0v, c20);
            c21 = av.fma(b1v, c21);
            c22 = av.fma(b2v, c22);
            c23 = av.fma(b3v, c23);
            av = FloatVector.broadcast(F, a[a0 + 3 * lda + kk]);
            c30 = av.fma(b0v, c30);
            c31 = av.fma(b1v, c31);
            c32 = av.fma(b2v, c32);
            c33 = av.fma(b3v, c33);
        }
        store4(c00, c01, c02, c03, c, c0, acc);
        store4(c10, c11, c12, c13, c, c0 + ldc, acc);
        store4(c20, c21, c22, c23, c, c0 + 2 * ldc, acc);
        store4(c30, c31, c32, c33, c, c0 + 3 * ldc, acc);
    }

    private static void store4(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] c, int o,
                               boolean acc) {
        if (acc) {
            v0 = v0.add(FloatVector.fromArray(F, c, o));
            v1 = v1.add(FloatVector.fromArray(F, c, o + V));
            v2 = v2.add(FloatVector.fromArray(F, c, o + 2 * V));
            v3 = v3.add(FloatVector.fromArray(F, c, o + 3 * V));
        }
        v0.intoArray(c, o);
        v1.intoArray(c, o + V);
        v2.intoArray(c, o + 2 * V);
        v3.intoArray(c, o + 3 * V);
    }

    /** One row × one (masked) vector of C. */
    private static void row1(int kEnd, float[] a, int a0, float[] b, int b0, int ldb, float[] c, int c0, boolean acc,
                             VectorMask<Float> mask) {
        FloatVector s = FloatVector.zero(F);
        for (int kk = 0; kk < kEnd; kk++) {
            s = FloatVector.broadcast(F, a[a0 + kk]).fma(FloatVector.fromArray(F, b, b0 + kk * ldb, mask), s);
        }
        if (acc) {
            s = s.add(FloatVector.fromArray(F, c, c0, mask));
        }
        s.intoArray(c, c0, mask);
    }
}

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

    /**
     * 4 rows × 4 full vectors of C over {@code kEnd} terms. Written out in full, with the accumulators started
     * from C when accumulating: a helper taking vectors as arguments would not be inlined in a method this large
     * and would box them (measured: 10× slower).
     */
    private static void tile4x4(int kEnd, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0,
                                int ldc, boolean acc) {
        int o1 = c0 + ldc;
        int o2 = c0 + 2 * ldc;
        int o3 = c0 + 3 * ldc;
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = acc ? FloatVector.fromArray(F, c, c0) : z;
        FloatVector c01 = acc ? FloatVector.fromArray(F, c, c0 + V) : z;
        FloatVector c02 = acc ? FloatVector.fromArray(F, c, c0 + 2 * V) : z;
        FloatVector c03 = acc ? FloatVector.fromArray(F, c, c0 + 3 * V) : z;
        FloatVector c10 = acc ? FloatVector.fromArray(F, c, o1) : z;
        FloatVector c11 = acc ? FloatVector.fromArray(F, c, o1 + V) : z;
        FloatVector c12 = acc ? FloatVector.fromArray(F, c, o1 + 2 * V) : z;
        FloatVector c13 = acc ? FloatVector.fromArray(F, c, o1 + 3 * V) : z;
        FloatVector c20 = acc ? FloatVector.fromArray(F, c, o2) : z;
        FloatVector c21 = acc ? FloatVector.fromArray(F, c, o2 + V) : z;
        FloatVector c22 = acc ? FloatVector.fromArray(F, c, o2 + 2 * V) : z;
        FloatVector c23 = acc ? FloatVector.fromArray(F, c, o2 + 3 * V) : z;
        FloatVector c30 = acc ? FloatVector.fromArray(F, c, o3) : z;
        FloatVector c31 = acc ? FloatVector.fromArray(F, c, o3 + V) : z;
        FloatVector c32 = acc ? FloatVector.fromArray(F, c, o3 + 2 * V) : z;
        FloatVector c33 = acc ? FloatVector.fromArray(F, c, o3 + 3 * V) : z;
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
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + V);
        c02.intoArray(c, c0 + 2 * V);
        c03.intoArray(c, c0 + 3 * V);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + V);
        c12.intoArray(c, o1 + 2 * V);
        c13.intoArray(c, o1 + 3 * V);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + V);
        c22.intoArray(c, o2 + 2 * V);
        c23.intoArray(c, o2 + 3 * V);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + V);
        c32.intoArray(c, o3 + 2 * V);
        c33.intoArray(c, o3 + 3 * V);
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

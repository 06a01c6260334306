/**
 * Dense LSSL building blocks: discretisation of dense systems ({@link ssm4j.kernels.lssl.Discretization}, SPEC
 * 1.2) and of diagonal ones ({@link ssm4j.kernels.lssl.DiagonalDiscretization}, (1.2c)), Krylov kernels and the
 * Krylov matrix ({@link ssm4j.kernels.lssl.Krylov}, 5.1), and the dense linear recurrence
 * ({@link ssm4j.kernels.lssl.DenseRecurrence}, 5.2). Double and float overloads; arguments are checked with
 * {@link ssm4j.api.Check} and named in every {@link java.lang.IllegalArgumentException}.
 */
package ssm4j.kernels.lssl;

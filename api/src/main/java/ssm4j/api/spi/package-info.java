/**
 * The service-provider side of {@link ssm4j.api.SsmKernel}: each compute module implements one part interface
 * per tier ({@link ssm4j.api.spi.KernelOps} in {@code kernels}, {@link ssm4j.api.spi.ScanOps} in {@code scan},
 * {@link ssm4j.api.spi.ConvOps} in {@code conv} and {@code native}). Part methods end in {@code K}: they trust
 * their arguments, because the facade ({@code ssm4j.api.Backend}) has validated them already. A part class has
 * a public constructor taking a {@link ssm4j.api.Parallel}; it throws {@link ssm4j.api.spi.Unavailable} when it
 * cannot run here (missing module, library or device), and the registry moves on.
 */
package ssm4j.api.spi;

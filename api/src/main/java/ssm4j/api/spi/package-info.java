/**
 * The service-provider side of {@link ssm4j.api.SsmKernel}: one interface per family of primitives
 * ({@link ssm4j.api.spi.CauchyOps}, {@link ssm4j.api.spi.VandermondeOps}, {@link ssm4j.api.spi.DiagScanOps},
 * {@link ssm4j.api.spi.SelectiveScanOps}, {@link ssm4j.api.spi.StateUpdateOps}, {@link ssm4j.api.spi.SsdScanOps},
 * {@link ssm4j.api.spi.LogScanOps}, {@link ssm4j.api.spi.ConvOps}); {@link ssm4j.api.spi.KernelOps} and
 * {@link ssm4j.api.spi.ScanOps} only group the families one module's part implements together. Part methods end
 * in {@code K}: they trust their arguments, because the facade ({@code ssm4j.api.Backend}) has validated them.
 *
 * <p>One fallback idiom: a part extends {@link ssm4j.api.spi.Part}, is constructed with the next-lower tier's
 * part of the same families, and overrides only what it speeds up; every family method defaults to a call to
 * {@code lower()}. The scalar tier has no lower part and overrides everything. A scalar part has a public
 * constructor taking a {@link ssm4j.api.Parallel}, a higher one a {@code (Parallel, lower part)} constructor; it
 * throws {@link ssm4j.api.spi.Unavailable} when it cannot run here (missing module, library or device), and the
 * registry leaves that tier out of the chain.
 */
package ssm4j.api.spi;

package ssm4j.api.spi;

/**
 * The kernels module's families, implemented together by one part per tier (they share its workspaces): no
 * methods of its own, only a {@link #lower()} that is both families' fallback.
 */
public interface KernelOps extends CauchyOps, VandermondeOps {
    @Override
    KernelOps lower();
}

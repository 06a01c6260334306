package ssm4j.api.spi;

/**
 * The scan module's families, implemented together by one part per tier (they share its threads and
 * workspaces): no methods of its own, only a {@link #lower()} that is every family's fallback.
 */
public interface ScanOps extends DiagScanOps, SelectiveScanOps, StateUpdateOps, SsdScanOps, LogScanOps {
    @Override
    ScanOps lower();
}

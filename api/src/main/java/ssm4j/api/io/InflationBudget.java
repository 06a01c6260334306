package ssm4j.api.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes actually inflated from one archive across all its entries and fails as soon as they pass the
 * archive's budget: the total ({@link IoLimits#npzMaxTotalBytes()}) or, past a grace amount, the ratio to the file's
 * size ({@link IoLimits#npzMaxRatio()}). Counting what comes out, rather than trusting the sizes the zip directory
 * declares, is what stops a small file that inflates to gigabytes.
 */
final class InflationBudget {
    private final String file;
    private final long limit;
    private final String why;
    private long consumed;

    /** A budget for the archive {@code file} of {@code fileBytes} bytes, limits read from {@link IoLimits}. */
    InflationBudget(String file, long fileBytes) {
        this.file = file;
        long total = IoLimits.npzMaxTotalBytes();
        long ratio = IoLimits.npzMaxRatio();
        long byRatio = Math.max(IoLimits.RATIO_GRACE_BYTES, ratio > Long.MAX_VALUE / Math.max(1, fileBytes)
                ? Long.MAX_VALUE : ratio * fileBytes);
        if (byRatio < total) {
            limit = byRatio;
            why = "inflates to more than " + ratio + " times its " + fileBytes + " bytes (" + byRatio
                    + " bytes; -Dssm4j.npz.maxRatio): a deflate bomb or an array of zeros";
        } else {
            limit = total;
            why = "inflates to more than the limit of " + total + " bytes (-Dssm4j.npz.maxTotalBytes)";
        }
    }

    /** Bytes still allowed. */
    long remaining() {
        return limit - consumed;
    }

    /** {@code in} with every byte read charged to this budget. */
    InputStream charge(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(n);
                add(s);
                return s;
            }
        };
    }

    private void add(long n) throws IOException {
        consumed += n;
        if (consumed > limit) {
            throw new IOException(file + ": " + why);
        }
    }
}

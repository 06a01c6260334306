package ssm4j.api.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0; dtypes {@code <f4 <f8 <c8 <c16};
 * C order only) with the JDK alone. Files are treated as untrusted: every size is checked against the bytes
 * actually present before anything is allocated, so a truncated or hostile file fails with an
 * {@link IOException} naming the problem, never an {@code OutOfMemoryError} or a silent misread. Header size,
 * rank and data bytes are budgeted ({@link IoLimits}).
 */
public final class Npy {
    /**
     * Default largest header accepted, in bytes (NumPy itself writes a few hundred); the limit in force is
     * {@link IoLimits#npyMaxHeaderBytes()} ({@code -Dssm4j.npy.maxHeaderBytes}).
     */
    public static final int MAX_HEADER = 64 * 1024;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a .npy file. @throws IOException if the file is unreadable or malformed (the message says how) */
    public static NpyArray read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": larger than 2 GiB, not supported");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, file.toString());
        }
    }

    /** Reads a .npy image held in memory; {@code what} names it in messages. */
    public static NpyArray read(byte[] bytes, String what) throws IOException {
        return read(new java.io.ByteArrayInputStream(bytes), bytes.length, what);
    }

    /**
     * Reads one .npy image of exactly {@code available} bytes from {@code in}.
     *
     * @param what the file or entry name, for messages
     */
    public static NpyArray read(InputStream in, long available, String what) throws IOException {
        byte[] pre = readFully(in, 8, what, "magic and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new IOException(what + ": not a .npy file (bad magic)");
            }
        }
        int major = pre[6] & 0xff;
        long headerLen;
        int prefix;
        if (major == 1) {
            byte[] b = readFully(in, 2, what, "header length");
            headerLen = (b[0] & 0xff) | (b[1] & 0xff) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] b = readFully(in, 4, what, "header length");
            headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            prefix = 12;
        } else {
            throw new IOException(what + ": unsupported .npy version " + major + "." + (pre[7] & 0xff));
        }
        long maxHeader = IoLimits.npyMaxHeaderBytes();
        if (headerLen > maxHeader) {
            throw new IOException(what + ": header of " + headerLen + " bytes exceeds the limit of " + maxHeader
                    + " (-Dssm4j.npy.maxHeaderBytes)");
        }
        if (prefix + headerLen > available) {
            throw new IOException(what + ": truncated header (needs " + headerLen + " bytes)");
        }
        String header = new String(readFully(in, (int) headerLen, what, "header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyArray.Dtype dtype = parseDtype(header, what);
        int[] shape = parseShape(header, what);
        long count = 1;
        for (int s : shape) {
            count = Math.multiplyExact(count, (long) s); // non-negative by parse
            if (count > Integer.MAX_VALUE) {
                throw new IOException(what + ": shape " + java.util.Arrays.toString(shape) + " is too large");
            }
        }
        long comps = count * (dtype.complex ? 2 : 1);
        long bytes = comps * dtype.componentBytes;
        long maxBytes = IoLimits.npyMaxArrayBytes();
        if (bytes > maxBytes) {
            throw new IOException(what + ": shape " + java.util.Arrays.toString(shape) + " " + dtype.descr + " needs "
                    + bytes + " bytes, over the limit of " + maxBytes + " (-Dssm4j.npy.maxArrayBytes)");
        }
        long dataAvail = available - prefix - headerLen;
        if (bytes > dataAvail) {
            throw new IOException(what + ": truncated data: shape " + java.util.Arrays.toString(shape) + " "
                    + dtype.descr + " needs " + bytes + " bytes, file has " + dataAvail);
        }
        if (comps > Integer.MAX_VALUE - 8) {
            throw new IOException(what + ": too many values for a Java array (" + comps + ")");
        }
        ByteBuffer buf = ByteBuffer.wrap(readFully(in, (int) bytes, what, "data")).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) comps];
        if (dtype.componentBytes == 4) {
            for (int i = 0; i < data.length; i++) {
                data[i] = buf.getFloat();
            }
        } else if (dtype == NpyArray.Dtype.I8) {
            for (int i = 0; i < data.length; i++) {
                data[i] = buf.getLong();
            }
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = buf.getDouble();
            }
        }
        return new NpyArray(dtype, shape, data);
    }

    private static NpyArray.Dtype parseDtype(String header, String what) throws IOException {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw new IOException(what + ": header has no 'descr'");
        }
        NpyArray.Dtype d = NpyArray.Dtype.ofDescr(m.group(1));
        if (d == null) {
            throw new IOException(what + ": dtype '" + m.group(1) + "' not supported (need <f4, <f8, <c8 or <c16)");
        }
        Matcher f = FORTRAN.matcher(header);
        if (!f.find()) {
            throw new IOException(what + ": header has no 'fortran_order'");
        }
        if (f.group(1).equals("True")) {
            throw new IOException(what + ": Fortran-order arrays are not supported (save with C order)");
        }
        return d;
    }

    private static int[] parseShape(String header, String what) throws IOException {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(what + ": header has no 'shape'");
        }
        List<Integer> dims = new ArrayList<>();
        long maxDims = IoLimits.npyMaxDims();
        for (String part : m.group(1).split(",")) {
            if (dims.size() >= maxDims) {
                throw new IOException(what + ": shape has more than " + maxDims + " axes (-Dssm4j.npy.maxDims)");
            }
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            try {
                long v = Long.parseLong(t);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new IOException(what + ": shape entry " + t + " out of range");
                }
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw new IOException(what + ": shape entry '" + t + "' is not an integer");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] readFully(InputStream in, int n, String what, String part) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException(what + ": truncated " + part + " (needs " + n + " bytes, got " + b.length + ")");
        }
        return b;
    }

    /** Writes {@code a} as a version 1.0 .npy file. */
    public static void write(Path file, NpyArray a) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, a);
        }
    }

    /** Writes {@code a} as a version 1.0 .npy image to {@code out} (not closed). */
    public static void write(OutputStream out, NpyArray a) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        int[] s = a.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(i == 0 && s.length == 1 ? "," : i < s.length - 1 ? ", " : "");
        }
        shape.append(')');
        String dict = "{'descr': '" + a.dtype().descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        head.write(1);
        head.write(0);
        head.write(header.length() & 0xff);
        head.write(header.length() >>> 8 & 0xff);
        head.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.toByteArray());
        double[] d = a.data();
        int cb = a.dtype().componentBytes;
        ByteBuffer buf = ByteBuffer.allocate(d.length * cb).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : d) {
            if (cb == 4) {
                buf.putFloat((float) v);
            } else if (a.dtype() == NpyArray.Dtype.I8) {
                buf.putLong((long) v);
            } else {
                buf.putDouble(v);
            }
        }
        out.write(buf.array());
    }

    /** The bytes of {@code a} as a .npy image. */
    public static byte[] toBytes(NpyArray a) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b, a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }
}

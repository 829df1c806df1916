package io.vigil.collectors.gpu;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One collector's way into NVML: the library binding and a native scratch buffer every call
 * writes its out-parameters into, so a collection allocates no native memory. Used by one
 * thread at a time (the collector holds its lock around every use).
 */
final class NvmlSession implements AutoCloseable {
    private final NvmlLibrary nvml;
    private final Memory scratch = new Memory(2L * Nvml.LARGEST_STRUCT + Nvml.STRING_BUFFER_SIZE);
    /** Room for one scalar or one struct out-parameter. */
    private final Pointer out = scratch.share(0, Nvml.LARGEST_STRUCT);
    /** Room for a second scalar out-parameter (functions answering a pair: min/max, major/minor). */
    private final Pointer second = scratch.share(Nvml.LARGEST_STRUCT, Nvml.LARGEST_STRUCT);
    private final Pointer text = scratch.share(2L * Nvml.LARGEST_STRUCT, Nvml.STRING_BUFFER_SIZE);

    NvmlSession(NvmlLibrary nvml) {
        this.nvml = nvml;
    }

    NvmlLibrary nvml() {
        return nvml;
    }

    Pointer out() {
        return out;
    }

    Pointer second() {
        return second;
    }

    Pointer text() {
        return text;
    }

    /** The string a call just wrote into {@link #text()}. */
    String readText() {
        return Nvml.cString(text.getByteArray(0, Nvml.STRING_BUFFER_SIZE));
    }

    /** An {@code unsigned int} the last call wrote at {@code offset} of {@link #out()}. */
    long outUnsignedInt(long offset) {
        return Integer.toUnsignedLong(out.getInt(offset));
    }

    /** An {@code unsigned long long} the last call wrote at {@code offset} of {@link #out()}, as a double. */
    double outUnsignedLong(long offset) {
        return Nvml.unsignedToDouble(out.getLong(offset));
    }

    /** NVML's own words for {@code rc}, with the code: {@code "Not Supported (NVML error 3)"}. */
    String describe(int rc) {
        String words = null;
        try {
            words = nvml.nvmlErrorString(rc);
        } catch (RuntimeException e) {
            // a broken error string must not hide the code itself
        }
        return (words == null || words.isBlank() ? "unknown error" : words) + " (NVML error " + rc + ")";
    }

    @Override
    public void close() {
        scratch.close();
    }
}

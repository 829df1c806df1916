package io.vigil.collectors.gpu;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.vigil.collectors.CollectorUnavailableException;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the collector reaches NVML's symbols through JNA, and the loading of the library itself. */
enum NvmlBinding {
    /** JNA direct mapping ({@link NvmlDirectLibrary}): the default, measurably faster per call. */
    DIRECT,
    /** JNA interface mapping (a reflective proxy); kept to compare and as the fallback. */
    INTERFACE;

    /** Reads the {@code binding} property; a value that is neither makes the collector unavailable. */
    static NvmlBinding parse(String value) throws CollectorUnavailableException {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CollectorUnavailableException(
                    "gpu.binding must be 'direct' or 'interface', was '" + value + "'");
        }
    }

    /**
     * Loads {@code library} (a file name such as {@code libnvidia-ml.so.1}, found the way the
     * system's dynamic loader finds it, or an absolute path) and checks that it exports every
     * function the collector calls, so a missing driver or an old one is reported once, here,
     * instead of as an {@link UnsatisfiedLinkError} in the middle of a collection.
     */
    NvmlLibrary load(String library) throws CollectorUnavailableException {
        if (Native.POINTER_SIZE != 8) {
            // NVML ships for 64-bit systems only, and the struct offsets in Nvml assume it.
            throw new CollectorUnavailableException("NVML needs a 64-bit JVM");
        }
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(library);
        } catch (UnsatisfiedLinkError e) {
            throw new CollectorUnavailableException("NVML library '" + library
                    + "' cannot be loaded (is the NVIDIA driver installed?): " + oneLine(e.getMessage()));
        }
        List<String> missing = missingFunctions(lib);
        if (!missing.isEmpty()) {
            throw new CollectorUnavailableException("'" + library + "' is not a usable NVML library (driver too old?): "
                    + "it lacks " + String.join(", ", missing));
        }
        if (this == DIRECT) {
            NvmlDirectLibrary direct = NvmlDirectLibrary.bind(lib);
            if (direct != null) {
                return direct;
            }
        }
        return Native.load(library, NvmlLibrary.class);
    }

    private static List<String> missingFunctions(NativeLibrary lib) {
        List<String> missing = new ArrayList<>();
        for (Method method : NvmlLibrary.class.getDeclaredMethods()) {
            try {
                lib.getFunction(method.getName());
            } catch (UnsatisfiedLinkError e) {
                missing.add(method.getName());
            }
        }
        missing.sort(null);
        return missing;
    }

    /** JNA's multi-line loader message as one line: "a; b; c", without the lines' trailing colons. */
    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        return message.lines()
                .map(line -> line.strip().replaceAll(":$", ""))
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("; "));
    }
}

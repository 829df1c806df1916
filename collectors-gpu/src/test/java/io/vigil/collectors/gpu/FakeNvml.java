package io.vigil.collectors.gpu;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steers the fake libnvidia-ml (src/test/c/fake_nvml.c, compiled by the build) through its
 * fake_nvml_* control functions. The collector loads the same shared object by path, so both
 * see the same state. Every setter checks the fake accepted it, so a typo fails the test.
 */
final class FakeNvml {
    static final int NOT_SUPPORTED = 3;
    static final int NO_PERMISSION = 4;
    static final int DRIVER_NOT_LOADED = 9;
    static final int GPU_IS_LOST = 15;
    static final int UNKNOWN = 999;
    /** What the fake writes into the out-parameters of a failing call (0x5A in every byte). */
    static final long GARBAGE_UINT = 0x5A5A5A5AL;

    /** The fake_nvml_* control functions. */
    interface Control extends Library {
        void fake_nvml_reset();

        void fake_nvml_set_init_return(int rc);

        int fake_nvml_set_device_count(int count);

        int fake_nvml_set_value(int index, String name, long value);

        int fake_nvml_set_string(int index, String name, String value);

        void fake_nvml_set_cuda_driver_version(int version);

        int fake_nvml_set_return(int index, String function, int rc);

        void fake_nvml_lose_gpu(int index, int lost);

        int fake_nvml_push_xid(int index, long xid);

        int fake_nvml_init_count();

        int fake_nvml_open_event_sets();

        int fake_nvml_call_count(String function);
    }

    static final String LIBRARY = locate();
    private static final Control CONTROL = Native.load(LIBRARY, Control.class);

    private FakeNvml() {
    }

    private static String locate() {
        Path path = Path.of(System.getProperty("fake.nvml.library", "target/libfake-nvml.so")).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the fake NVML was not built at " + path + " (run the Maven build: it compiles src/test/c)");
        }
        return path.toString();
    }

    /** One healthy idle H100 (power 90603 mW, 35 C, ...: values as a real one answered), nothing initialised. */
    static FakeNvml reset() {
        CONTROL.fake_nvml_reset();
        return new FakeNvml();
    }

    /** A context pointing the collector at the fake, with host label {@code node-1}. */
    static CollectorContext.Builder context(CollectorHealth health) {
        return CollectorContext.builder()
                .health(health)
                .hostLabels(Labels.of("host", "node-1"))
                .property("library", LIBRARY);
    }

    FakeNvml devices(int count) {
        assertThat(CONTROL.fake_nvml_set_device_count(count)).as("device count %d", count).isZero();
        return this;
    }

    FakeNvml value(int gpu, String name, long value) {
        assertThat(CONTROL.fake_nvml_set_value(gpu, name, value)).as("fake value %s of gpu %d", name, gpu).isZero();
        return this;
    }

    FakeNvml string(int gpu, String name, String value) {
        assertThat(CONTROL.fake_nvml_set_string(gpu, name, value)).as("fake string %s of gpu %d", name, gpu).isZero();
        return this;
    }

    FakeNvml cudaDriverVersion(int version) {
        CONTROL.fake_nvml_set_cuda_driver_version(version);
        return this;
    }

    /** Makes {@code function} answer {@code rc} on {@code gpu} (0 takes it back). */
    FakeNvml returns(int gpu, String function, int rc) {
        assertThat(CONTROL.fake_nvml_set_return(gpu, function, rc)).isZero();
        return this;
    }

    /** Makes a function that takes no device answer {@code rc}. */
    FakeNvml systemReturns(String function, int rc) {
        return returns(-1, function, rc);
    }

    FakeNvml initReturns(int rc) {
        CONTROL.fake_nvml_set_init_return(rc);
        return this;
    }

    FakeNvml lose(int gpu) {
        CONTROL.fake_nvml_lose_gpu(gpu, 1);
        return this;
    }

    FakeNvml restore(int gpu) {
        CONTROL.fake_nvml_lose_gpu(gpu, 0);
        return this;
    }

    /** Queues an XID event; answers how many event sets it reached (0 when the GPU is not registered). */
    int pushXid(int gpu, long xid) {
        return CONTROL.fake_nvml_push_xid(gpu, xid);
    }

    int initCount() {
        return CONTROL.fake_nvml_init_count();
    }

    int openEventSets() {
        return CONTROL.fake_nvml_open_event_sets();
    }

    int calls(String function) {
        return CONTROL.fake_nvml_call_count(function);
    }
}

package io.vigil.collectors.gpu;

import com.sun.jna.Pointer;
import io.vigil.collectors.CollectorHealth;

import java.util.Collection;

/**
 * XID critical error events through an NVML event set: every GPU is registered for
 * {@code nvmlEventTypeXidCriticalError}, and each collection drains what arrived since the last
 * one without waiting ({@code nvmlEventSetWait_v2} with timeout 0). Only used under the
 * collector's lock.
 */
final class XidEvents implements AutoCloseable {
    /** Health component for the event set as a whole. */
    static final String COMPONENT = "xid_events";
    /** Bounds one drain; whatever is left waits for the next collection. */
    private static final int MAX_EVENTS_PER_COLLECTION = 1024;

    private final NvmlSession session;
    private final NvmlLibrary nvml;
    private final CollectorHealth health;
    /** The nvmlEventSet_t, or null when NVML offers no event set. */
    private Pointer set;
    private boolean failing;

    XidEvents(NvmlSession session, CollectorHealth health) {
        this.session = session;
        this.nvml = session.nvml();
        this.health = health;
        int rc = nvml.nvmlEventSetCreate(session.out());
        if (rc == Nvml.SUCCESS) {
            set = session.out().getPointer(0);
        } else if (rc != Nvml.ERROR_NOT_SUPPORTED) {
            fail("nvmlEventSetCreate failed, XID events are not collected: " + session.describe(rc));
        }
    }

    /** Registers {@code gpu} for XID events; a device that cannot have them simply reports none. */
    void register(TrackedGpu gpu) {
        gpu.xidRegistered(false);
        if (set == null) {
            return;
        }
        int rc = nvml.nvmlDeviceRegisterEvents(gpu.handle(), Nvml.EVENT_TYPE_XID_CRITICAL_ERROR, set);
        if (rc == Nvml.SUCCESS) {
            gpu.xidRegistered(true);
            health.clear(gpu.xidComponent());
        } else if (rc == Nvml.ERROR_NOT_SUPPORTED || rc == Nvml.ERROR_GPU_IS_LOST) {
            // no XID events on this board; a lost GPU is reported by the collection that follows
            health.clear(gpu.xidComponent());
        } else {
            health.problem(gpu.xidComponent(), "nvmlDeviceRegisterEvents failed: " + session.describe(rc));
        }
    }

    /** Attributes every pending XID event to its GPU among {@code gpus} (matched by handle). */
    void drain(Collection<TrackedGpu> gpus) {
        if (set == null) {
            return;
        }
        Pointer data = session.out();
        for (int i = 0; i < MAX_EVENTS_PER_COLLECTION; i++) {
            int rc = nvml.nvmlEventSetWait_v2(set, data, 0);
            if (rc == Nvml.ERROR_TIMEOUT) {
                break;
            }
            if (rc != Nvml.SUCCESS) {
                fail("nvmlEventSetWait_v2 failed: " + session.describe(rc));
                return;
            }
            if ((data.getLong(Nvml.EVENT_TYPE) & Nvml.EVENT_TYPE_XID_CRITICAL_ERROR) != 0) {
                attribute(gpus, Pointer.nativeValue(data.getPointer(Nvml.EVENT_DEVICE)), data.getLong(Nvml.EVENT_DATA));
            }
        }
        if (failing) {
            failing = false;
            health.clear(COMPONENT);
        }
    }

    private static void attribute(Collection<TrackedGpu> gpus, long device, long xid) {
        for (TrackedGpu gpu : gpus) {
            if (gpu.handle() != null && Pointer.nativeValue(gpu.handle()) == device) {
                gpu.recordXid(xid);
                return;
            }
        }
        // An event for a device no longer tracked (gone since it was queued): nothing to count it on.
    }

    private void fail(String message) {
        failing = true;
        health.problem(COMPONENT, message);
    }

    /** Frees the event set; must run before nvmlShutdown. */
    @Override
    public void close() {
        if (set != null) {
            nvml.nvmlEventSetFree(set);
            set = null;
        }
    }
}

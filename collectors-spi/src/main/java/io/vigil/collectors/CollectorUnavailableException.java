package io.vigil.collectors;

/** Says why a collector cannot run on this machine; the rest of Vigil runs on without it. */
public final class CollectorUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CollectorUnavailableException(String reason) {
        super(reason, null, false, false);
    }

    public CollectorUnavailableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    public String reason() {
        return getMessage();
    }
}

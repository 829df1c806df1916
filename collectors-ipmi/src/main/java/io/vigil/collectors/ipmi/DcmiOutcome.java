package io.vigil.collectors.ipmi;

/** What asking a BMC for its DCMI power reading gave. */
sealed interface DcmiOutcome {

    /** The system's current power draw, and any output lines that were not understood on the way. */
    record Reading(double watts, java.util.List<String> problems) implements DcmiOutcome {
        public Reading {
            problems = java.util.List.copyOf(problems);
        }
    }

    /**
     * The BMC does not do DCMI, or its power measurement is switched off: asking again at the
     * next collection would only give the same answer.
     */
    record Unavailable(String reason) implements DcmiOutcome {
    }

    /** Asking failed this time (timeout, garbled output); worth asking again next time. */
    record Failed(String reason) implements DcmiOutcome {
    }
}

package io.vigil.collectors.ipmi;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode the exit status; meaningless when {@code timedOut}
 * @param stdout   what it printed on standard output (cut at {@link ProcessCommandRunner#OUTPUT_LIMIT})
 * @param stderr   what it printed on standard error (cut likewise)
 * @param timedOut whether it ran past its time and was killed with its children
 * @param elapsed  how long it ran
 */
record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {

    static CommandResult timedOut(String stdout, String stderr, Duration elapsed) {
        return new CommandResult(-1, stdout, stderr, true, elapsed);
    }
}

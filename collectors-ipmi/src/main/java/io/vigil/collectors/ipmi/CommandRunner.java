package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.time.Duration;

/** Runs a program to completion or until its time is up: the one seam between the collector and the operating system. */
interface CommandRunner {

    /**
     * Runs {@code command}, waiting at most {@code timeout}; a command still running then is
     * killed together with every process it started, and reported as timed out.
     *
     * @throws IOException          when the program cannot be started
     * @throws InterruptedException when the calling thread is interrupted (the command is killed first)
     */
    CommandResult run(Command command, Duration timeout) throws IOException, InterruptedException;
}

package io.vigil.collectors.ipmi;

import java.util.Optional;

/** How one tool reads one target: the commands to run and how to read their output. */
interface Backend {

    /** The tool's name for messages ({@code FreeIPMI}, {@code ipmitool}). */
    String toolName();

    /** Lists every sensor with reading and state. */
    Command sensorsCommand();

    /** Asks for the DCMI power reading; empty when the tool for that is not installed. */
    Optional<Command> dcmiCommand();

    /** Reads {@link #sensorsCommand()}'s standard output. */
    ParsedSensors parseSensors(String stdout);
}

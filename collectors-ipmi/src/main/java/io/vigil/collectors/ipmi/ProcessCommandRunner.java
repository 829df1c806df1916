package io.vigil.collectors.ipmi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs commands as child processes. Output goes to files in a private directory rather than
 * pipes, so a chatty or hung child can never block on a full pipe and no reader threads are
 * needed. A child still running at its deadline is killed with all its descendants.
 */
final class ProcessCommandRunner implements CommandRunner {
    /** More output than any BMC's sensor list; the rest is cut off. */
    static final int OUTPUT_LIMIT = 1 << 20;
    /** Password variables of both tools, never inherited from Vigil's own environment. */
    private static final List<String> SECRET_VARIABLES = List.of("IPMI_PASSWORD", "IPMI_KGKEY");
    private static final long REAP_MILLIS = 2_000;

    private final PrivateDirectory scratch;

    ProcessCommandRunner(PrivateDirectory scratch) {
        this.scratch = scratch;
    }

    @Override
    public CommandResult run(Command command, Duration timeout) throws IOException, InterruptedException {
        Path out = scratch.newFile("stdout");
        Path err = scratch.newFile("stderr");
        try {
            ProcessBuilder builder = new ProcessBuilder(command.argv())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            SECRET_VARIABLES.forEach(env::remove);
            command.environment().forEach((name, secret) -> env.put(name, secret.reveal()));
            env.put("LC_ALL", "C"); // the parsers read the tools' English, C-locale output

            long start = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close(); // no tool may sit waiting for a password prompt
            boolean finished;
            try {
                finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                destroyTree(process);
                throw e;
            }
            if (!finished) {
                destroyTree(process);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String stdout = read(out);
            String stderr = read(err);
            return finished ? new CommandResult(process.exitValue(), stdout, stderr, false, elapsed)
                    : CommandResult.timedOut(stdout, stderr, elapsed);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Kills the process and every descendant. The descendants are listed before the parent dies:
     * afterwards they are re-parented and can no longer be found from it.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        for (ProcessHandle child : descendants) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
        try {
            process.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(OUTPUT_LIMIT);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

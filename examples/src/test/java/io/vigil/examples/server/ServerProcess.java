package io.vigil.examples.server;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server jar started as a real process for the *IT tests: {@code java -jar vigil-server.jar} in a
 * working directory, with only the {@code VIGIL_} variables a test gives, its output collected, and
 * {@link #start} returning once the server printed where it listens and answers {@code GET /health}.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern API = Pattern.compile("API: +(http://127\\.0\\.0\\.1:\\d+)");
    private static final long STARTUP_SECONDS = 60;

    private final Process process;
    private final Thread reader;
    private final StringBuffer out;
    private final String base;

    private ServerProcess(Process process, Thread reader, StringBuffer out, String base) {
        this.process = process;
        this.reader = reader;
        this.out = out;
        this.base = base;
    }

    /**
     * Starts the jar in {@code dir} on a free port, without a GPU collector, with {@code env} added
     * to the environment (every inherited {@code VIGIL_} variable is removed first).
     */
    static ServerProcess start(Path dir, Map<String, String> env, OkHttpClient client) throws IOException,
            InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("vigil.serverJar", Path.of("target", "vigil-server.jar").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
        builder.environment().put("VIGIL_HTTP_PORT", "0");
        builder.environment().put("VIGIL_COLLECTORS_GPU_ENABLED", "false");
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.append(line).append('\n');
                }
            } catch (IOException e) {
                out.append("(output ended: ").append(e).append(")\n");
            }
        }, "server-output");
        reader.start();

        String base = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                Matcher m = API.matcher(out);
                if (m.find() && out.indexOf("Stop with Ctrl-C") >= 0) {
                    base = m.group(1);
                    break;
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);            // returns early if the process dies
            }
            assertThat(base).as("the server printed where it listens; output:%n%s", out).isNotNull();
            while (System.nanoTime() < deadline && !healthy(client, base)) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
            assertThat(healthy(client, base)).as("GET /health answers 200").isTrue();
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return new ServerProcess(process, reader, out, base);
    }

    private static boolean healthy(OkHttpClient client, String base) {
        try (Response r = client.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
            return r.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    Process process() {
        return process;
    }

    /** The API's base address, {@code http://127.0.0.1:<port>}. */
    String base() {
        return base;
    }

    /** Everything the process printed so far. */
    String output() {
        return out.toString();
    }

    /** Waits a little for the output reader to see the end of the process's output. */
    void awaitOutputEnd() throws InterruptedException {
        reader.join(5000);
    }

    /**
     * SIGTERM, as {@code kill} and container runtimes send it. {@code ProcessHandle.destroy} rather
     * than {@code Process.destroy}, which closes the output pipe: the shutdown messages would be lost.
     */
    void sigterm() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    /** SIGKILL: no shutdown hook, no checkpoint, no flush; returns once the process is gone. */
    void sigkill() throws InterruptedException {
        assertThat(process.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(process.exitValue()).as("128 + SIGKILL").isEqualTo(137);
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

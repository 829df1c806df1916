package io.vigil.examples.server;

import io.vigil.alerting.store.jdbc.JdbcAlertStore;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as a real process, the way it is deployed: {@code java -jar vigil-server.jar}
 * starts, answers its health endpoint, and on SIGTERM stops cleanly (the JVM's status for SIGTERM,
 * 143, after the shutdown hook saved the checkpoint into the SQLite file). A second start on the
 * same data directory keeps the rules and does not print the admin key again.
 *
 * <p>Runs in the integration-test phase, after the package phase built the jar.
 */
class ServerProcessIT {
    private static final Pattern API = Pattern.compile("API: +(http://127\\.0\\.0\\.1:\\d+)");
    private static final long STARTUP_SECONDS = 60;

    @TempDir
    Path dir;
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void startsFromTheJarServesAndStopsCleanlyOnSigterm() throws Exception {
        Running first = start();
        assertThat(first.output()).contains("First start: an admin API key was generated");
        String key = Files.readString(dir.resolve("data").resolve("admin-api-key")).trim();
        assertThat(first.output()).contains(key);
        post(first.base, key, "/api/alerts/rules", Banner.SEED000_CPU_RULE);

        sigterm(first.process);
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(first.process.exitValue()).as("128 + SIGTERM, after the shutdown hook ran").isEqualTo(143);
        first.reader.join(5000);
        assertThat(first.output()).contains("Vigil stopped: checkpoint saved, notification outbox flushed.")
                .doesNotContain("Exception");
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("data").resolve("vigil.db")).build()) {
            assertThat(store.loadEngineState()).as("the checkpoint written on shutdown").isPresent();
        }

        Running second = start();
        assertThat(second.output()).doesNotContain(key).contains("shown at the first start only")
                .contains("Rules:       1 stored (no rules file)");
        sigterm(second.process);
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(143);
    }

    /**
     * SIGTERM, as {@code kill} and container runtimes send it. {@code ProcessHandle.destroy} rather
     * than {@code Process.destroy}, which closes the output pipe: the shutdown messages would be lost.
     */
    private static void sigterm(Process process) {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    /** A started server: its process, the thread reading its output, and its address. */
    private record Running(Process process, Thread reader, StringBuffer out, String base) {
        String output() {
            return out.toString();
        }
    }

    private Running start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("vigil.serverJar", Path.of("target", "vigil-server.jar").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
        builder.environment().put("VIGIL_HTTP_PORT", "0");
        builder.environment().put("VIGIL_COLLECTORS_GPU_ENABLED", "false");
        Process process = builder.start();
        processes.add(process);
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
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = API.matcher(out);
            if (m.find() && out.indexOf("Stop with Ctrl-C") >= 0) {
                base = m.group(1);
                break;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);            // returns early if the process dies
        }
        assertThat(base).as("the server printed where it listens; output:%n%s", out).isNotNull();
        while (System.nanoTime() < deadline && !healthy(base)) {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        assertThat(healthy(base)).as("GET /health answers 200").isTrue();
        return new Running(process, reader, out, base);
    }

    private boolean healthy(String base) {
        try (Response r = client.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
            return r.code() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void post(String base, String key, String path, String json) throws IOException {
        Request request = new Request.Builder().url(base + path).header("Authorization", "Bearer " + key)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response r = client.newCall(request).execute()) {
            assertThat(r.code()).as(r.body().string()).isEqualTo(201);
        }
    }
}

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    @TempDir
    Path dir;
    private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false).build();
    private final List<ServerProcess> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ServerProcess p : processes) {
            p.close();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Test
    void startsFromTheJarServesAndStopsCleanlyOnSigterm() throws Exception {
        ServerProcess first = start();
        assertThat(first.output()).contains("First start: an admin API key was generated");
        String key = Files.readString(dir.resolve("data").resolve("admin-api-key")).trim();
        assertThat(first.output()).contains(key);
        post(first.base(), key, "/api/alerts/rules", Banner.SEED000_CPU_RULE);

        first.sigterm();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(first.process().exitValue()).as("128 + SIGTERM, after the shutdown hook ran").isEqualTo(143);
        first.awaitOutputEnd();
        assertThat(first.output()).contains("Vigil stopped: checkpoint saved, notification outbox flushed.")
                .doesNotContain("Exception");
        try (JdbcAlertStore store = JdbcAlertStore.sqlite(dir.resolve("data").resolve("vigil.db")).build()) {
            assertThat(store.loadEngineState()).as("the checkpoint written on shutdown").isPresent();
        }

        ServerProcess second = start();
        assertThat(second.output()).doesNotContain(key).contains("shown at the first start only")
                .contains("Rules:       1 stored (no rules file)");
        second.sigterm();
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).isEqualTo(143);
    }

    private ServerProcess start() throws Exception {
        ServerProcess server = ServerProcess.start(dir, Map.of(), client);
        processes.add(server);
        return server;
    }

    private void post(String base, String key, String path, String json) throws IOException {
        Request request = new Request.Builder().url(base + path).header("Authorization", "Bearer " + key)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response r = client.newCall(request).execute()) {
            assertThat(r.code()).as(r.body().string()).isEqualTo(201);
        }
    }
}

package io.vigil.http;

import io.vigil.alerting.api.Secret;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.http.TestServer.Reply;
import io.vigil.http.TestServer.Who;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graceful stop, overload shedding, a taken port and HTTPS. */
class LifecycleTest {

    private static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void stopFinishesRequestsInFlightAndRefusesNewOnes() throws Exception {
        ControllableStore store = new ControllableStore();
        TestServer t = new TestServer(store, TestServer::standardCredentials, a -> { });
        try {
            store.hold = new CountDownLatch(1);
            CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> t.get("/api/v1/alerts/rules?pageSize=5"));
            assertThat(store.held.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> t.server.stop(Duration.ofSeconds(10)));
            until(t.server::stopping);
            Reply refused = t.get("/api/v1/alerts/rules/x", Who.NOBODY);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("detail").asText()).contains("stopping");
            assertThat(stopped).isNotDone();
            store.hold.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> t.get("/health", Who.NOBODY)).isInstanceOf(UncheckedIOException.class);
        } finally {
            store.hold = null;
            t.close();
        }
    }

    @Test
    void overloadIsAnsweredAt503Immediately() throws Exception {
        ControllableStore store = new ControllableStore();
        TestServer t = new TestServer(store, b -> TestServer.standardCredentials(b.threads(1).queueCapacity(1)), a -> { });
        try {
            store.hold = new CountDownLatch(1);
            CompletableFuture<Reply> busy = CompletableFuture.supplyAsync(() -> t.get("/api/v1/alerts/rules?pageSize=5"));
            assertThat(store.held.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Reply> queued = CompletableFuture.supplyAsync(() -> t.get("/health", Who.NOBODY));
            until(() -> t.server.pool().queued() == 1);
            Reply shed = t.get("/health", Who.NOBODY);
            assertThat(shed.status()).isEqualTo(503);
            assertThat(shed.header("Retry-After")).isEqualTo("1");
            store.hold.countDown();
            assertThat(busy.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(queued.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(t.get("/health", Who.NOBODY).status()).isEqualTo(200);
        } finally {
            store.hold = null;
            t.close();
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        try (TestServer t = TestServer.standard()) {
            HttpOptions same = HttpOptions.builder().port(t.server.port())
                    .apiKey(Secret.of("0123456789abcdef"), Principal.of("a", Role.ADMIN)).build();
            try (Alerting other = Alerting.builder().build()) {
                assertThatThrownBy(() -> VigilHttpServer.start(other, same)).isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("cannot listen on 127.0.0.1:" + t.server.port());
            }
        }
    }

    @Test
    void servesHttpsWithHsts(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vigil", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).isTrue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        X509TrustManager trust = (X509TrustManager) tmf.getTrustManagers()[0];

        try (TestServer t = new TestServer(b -> TestServer.standardCredentials(b.tls(serverContext)))) {
            assertThat(t.base).startsWith("https://127.0.0.1:");
            OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(clientContext.getSocketFactory(), trust)
                    .connectionSpecs(List.of(okhttp3.ConnectionSpec.MODERN_TLS)).build();
            try (Response r = client.newCall(new Request.Builder().url(t.base + "/api/v1/alerts/rules")
                    .header("Authorization", "Bearer admin-key-0123456789abcdef").build()).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            }
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}

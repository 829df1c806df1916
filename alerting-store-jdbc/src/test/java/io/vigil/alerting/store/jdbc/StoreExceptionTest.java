package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Secret;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Passwords never leave the store inside an error. */
class StoreExceptionTest {

    @Test
    void scrubsPasswordParametersUrlCredentialsAndTheKnownSecret() {
        String text = "cannot connect to jdbc:postgresql://db:5432/vigil?user=v&password=hunter2&ssl=true"
                + " or postgres://admin:topsecret@db/x; pwd = abc123; the password is s3cr3t!";

        String scrubbed = StoreException.scrub(text, "s3cr3t!");

        assertThat(scrubbed).doesNotContain("hunter2", "topsecret", "abc123", "s3cr3t!")
                .contains("password=******", "//admin:******@db", "jdbc:postgresql://db:5432/vigil?user=v", "ssl=true");
    }

    @Test
    void wrapsADriverExceptionWithoutItsSecretsButWithItsStateAndStack() {
        SQLException driver = new SQLException("login failed for url jdbc:x://h/db?password=hunter2", "28P01", 7,
                new IllegalStateException("inner password=hunter2"));

        StoreException e = StoreException.of("connecting", driver, null);

        assertThat(e.getMessage()).startsWith("connecting failed (SQL state 28P01, code 7): ").doesNotContain("hunter2");
        assertThat(e.sqlState()).isEqualTo("28P01");
        assertThat(stackTraceOf(e)).doesNotContain("hunter2").contains("IllegalStateException: inner password=******");
        assertThat(e.getCause().getStackTrace()).isEqualTo(driver.getStackTrace());
    }

    @Test
    void anUnreachablePostgresServerFailsWithoutShowingThePassword() {
        StoreException e = catchThrowableOfType(StoreException.class, () -> JdbcAlertStore
                .postgres("jdbc:postgresql://127.0.0.1:1/vigil?password=url-pass-42", "vigil", Secret.of("given-pass-42"))
                .connectionTimeout(Duration.ofSeconds(2))
                .build());

        assertThat(e.getMessage()).contains("vigil-postgres").contains("Connection").contains("refused");
        assertThat(stackTraceOf(e)).doesNotContain("url-pass-42", "given-pass-42");
    }

    @Test
    void aUrlForAnotherDatabaseFailsWithoutShowingThePassword() {
        StoreException e = catchThrowableOfType(StoreException.class, () -> JdbcAlertStore
                .postgres("jdbc:mysql://db/vigil?password=url-pass-42", "vigil", Secret.of("given-pass-42")).build());

        assertThat(stackTraceOf(e)).doesNotContain("url-pass-42", "given-pass-42");
    }

    static String stackTraceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

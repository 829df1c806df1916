package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.Secret;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The database failed: it is unreachable, refused a statement, or holds data this store cannot
 * read. Problems a caller caused (a taken rule name, a stale version) are
 * {@link io.vigil.alerting.api.AlertingException}s instead.
 *
 * <p>The driver's exception is not attached as it is: drivers put connection URLs, and with them
 * passwords, into their messages. The message here carries the SQL state, the vendor code and the
 * driver's text with anything that looks like a password removed; the cause is a stand-in with
 * that same text and the driver's stack trace.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code password=...}, {@code pwd=...} in URLs and property lists, and {@code user:pass@} in URLs. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)(password|passwd|pwd|secret)(\\s*[=:]\\s*)[^&;,\\s)\"']*");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]*@");

    private final String sqlState;

    StoreException(String message) {
        super(message);
        this.sqlState = null;
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
        this.sqlState = null;
    }

    private StoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** Wraps a driver failure during {@code what}, scrubbing {@code knownSecret} and password-like text. */
    static StoreException of(String what, SQLException e, String knownSecret) {
        String text = scrub(String.valueOf(e.getMessage()), knownSecret);
        StringBuilder message = new StringBuilder(what).append(" failed");
        if (e.getSQLState() != null) {
            message.append(" (SQL state ").append(e.getSQLState()).append(", code ").append(e.getErrorCode()).append(')');
        }
        message.append(": ").append(text);
        return new StoreException(message.toString(), e.getSQLState(), DriverFailure.of(e, knownSecret));
    }

    /** The SQL state the driver reported, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    static String scrub(String text, String knownSecret) {
        String s = text;
        if (knownSecret != null && !knownSecret.isEmpty()) {
            s = s.replace(knownSecret, Secret.REDACTED);
        }
        s = PASSWORD_PARAMETER.matcher(s).replaceAll("$1$2" + Secret.REDACTED);
        return URL_CREDENTIALS.matcher(s).replaceAll("$1:" + Secret.REDACTED + "@");
    }

    /** Stands in for a driver exception: its class name and scrubbed message, its stack trace. */
    static final class DriverFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private static final int MAX_DEPTH = 8;

        private DriverFailure(String message, DriverFailure cause) {
            super(message, cause, false, true);
        }

        static DriverFailure of(Throwable driver, String knownSecret) {
            return of(driver, knownSecret, 0);
        }

        private static DriverFailure of(Throwable driver, String knownSecret, int depth) {
            Throwable next = driver.getCause();
            DriverFailure cause = next != null && next != driver && depth < MAX_DEPTH
                    ? of(next, knownSecret, depth + 1) : null;
            DriverFailure stand = new DriverFailure(
                    driver.getClass().getName() + ": " + scrub(String.valueOf(driver.getMessage()), knownSecret), cause);
            stand.setStackTrace(driver.getStackTrace());
            return stand;
        }
    }
}

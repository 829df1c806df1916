package io.vigil.notifiers.internal;

import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.template.MessageRenderer;
import io.vigil.notifiers.template.TemplateRegistry;
import okhttp3.OkHttpClient;

/**
 * What the built-in channels share when they are created with a {@link NotifierEnvironment}, and
 * their own copies when they are created with some other {@link NotifierContext}.
 */
public final class Shared {
    private Shared() {
    }

    public static MessageRenderer renderer(NotifierContext context) {
        TemplateRegistry templates = context instanceof NotifierEnvironment env
                ? env.templates() : TemplateRegistry.withDefaults();
        return new MessageRenderer(templates);
    }

    /** The environment's shared client, or a new one that the caller owns and must release. */
    public static HttpClientLease http(NotifierContext context) {
        if (context instanceof NotifierEnvironment env) {
            return new HttpClientLease(env.httpClient(), false);
        }
        return new HttpClientLease(NotifierEnvironment.newHttpClient(context), true);
    }

    /** An HTTP client and whether its borrower must shut it down. */
    public record HttpClientLease(OkHttpClient client, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                NotifierEnvironment.shutdown(client);
            }
        }
    }
}

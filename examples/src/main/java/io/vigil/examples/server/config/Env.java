package io.vigil.examples.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A second environment variable for a key, besides its {@code VIGIL_...} name: the names seed 000
 * and the notifiers already use ({@code SMTP_SERVER}, {@code DISCORD_WEBHOOK_URL}). For a
 * notifier key it is also the setting name handed to the notifiers.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Env {
    String value();
}

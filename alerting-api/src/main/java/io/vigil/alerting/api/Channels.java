package io.vigil.alerting.api;

import java.util.Set;

/**
 * Names of the built-in notification channels. Channels are plain strings so that a plugin can add
 * its own (a {@code Notifier} names the channel it serves).
 */
public final class Channels {
    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final String WEBHOOK = "webhook";
    public static final String IN_APP = "inApp";
    public static final String DISCORD = "discord";
    public static final String SLACK = "slack";

    /** The channels Vigil ships notifiers for. */
    public static final Set<String> BUILT_IN = Set.of(EMAIL, SMS, WEBHOOK, IN_APP, DISCORD, SLACK);

    private Channels() {
    }

    /** Whether {@code name} can name a channel: letters, digits, {@code _} and {@code -}. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z][A-Za-z0-9_\\-]{0,63}");
    }
}

package io.vigil.alerting.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who hears about a rule's alerts and how (seed 003 {@code notifications}, seed 000 {@code channels}
 * and {@code escalation_minutes}).
 *
 * @param channels        channels notified when the rule fires, in order ({@code email}, {@code discord}, ...)
 * @param settings        per-channel settings; a channel without an entry uses {@link ChannelSettings#defaults()}
 * @param escalation      escalation levels, in increasing delay; empty for none
 * @param escalationEnabled whether the levels are active (seed 003 {@code escalation.enabled}); kept so that
 *                        disabled levels survive a round trip
 * @param sendResolved    whether a resolved notification is sent (per-channel settings may override)
 * @param fallbackChannel channel tried when a primary channel fails permanently, or {@code null}
 * @param reminderInterval how often an unacknowledged firing alert is re-notified; {@code null} for never
 * @param templates       per-rule template overrides by channel
 */
public record NotificationPolicy(List<String> channels, Map<String, ChannelSettings> settings,
                                 List<EscalationLevel> escalation, boolean escalationEnabled, boolean sendResolved,
                                 String fallbackChannel, Duration reminderInterval, Map<String, String> templates) {

    private static final NotificationPolicy NONE = new NotificationPolicy(List.of(), Map.of(), List.of(), false, true,
            null, null, Map.of());

    public NotificationPolicy {
        channels = channels == null ? List.of() : List.copyOf(channels);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        Problems p = new Problems();
        check(channels, settings, escalation, fallbackChannel, reminderInterval, p);
        p.throwIfAny();
    }

    static void check(List<String> channels, Map<String, ChannelSettings> settings, List<EscalationLevel> escalation,
                      String fallbackChannel, Duration reminderInterval, Problems p) {
        for (int i = 0; i < channels.size(); i++) {
            if (!Channels.isValidName(channels.get(i))) {
                p.add(ErrorCode.INVALID_FIELD, "channels[" + i + "]", "'" + channels.get(i) + "' is not a channel name");
            }
        }
        if (channels.stream().distinct().count() != channels.size()) {
            p.add(ErrorCode.INVALID_FIELD, "channels", "a channel is listed twice");
        }
        for (String name : settings.keySet()) {
            if (!Channels.isValidName(name)) {
                p.add(ErrorCode.INVALID_FIELD, "settings", "'" + name + "' is not a channel name");
            }
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < escalation.size(); i++) {
            Duration d = escalation.get(i).delay();
            if (d.compareTo(previous) <= 0 && i > 0) {
                p.add(ErrorCode.INVALID_DURATION, "escalation.levels[" + i + "].delay",
                        "escalation delays must increase from level to level");
            }
            previous = d;
            List<String> levelChannels = escalation.get(i).channels();
            for (int j = 0; j < levelChannels.size(); j++) {
                if (!Channels.isValidName(levelChannels.get(j))) {
                    p.add(ErrorCode.INVALID_FIELD, "escalation.levels[" + i + "].channels[" + j + "]",
                            "'" + levelChannels.get(j) + "' is not a channel name");
                }
            }
        }
        if (fallbackChannel != null && !Channels.isValidName(fallbackChannel)) {
            p.add(ErrorCode.INVALID_FIELD, "fallbackChannel", "'" + fallbackChannel + "' is not a channel name");
        }
        if (reminderInterval != null) {
            p.requirePositive(reminderInterval, "reminderInterval");
        }
    }

    /** No channels: alerts are recorded but nobody is told. */
    public static NotificationPolicy none() {
        return NONE;
    }

    public static NotificationPolicy to(String... channels) {
        return builder().channels(channels).build();
    }

    /** Settings for {@code channel}: its own entry, or the defaults. */
    public ChannelSettings settingsFor(String channel) {
        return settings.getOrDefault(channel, ChannelSettings.defaults());
    }

    /** The channels that are listed and enabled. */
    public List<String> activeChannels() {
        List<String> active = new ArrayList<>();
        for (String c : channels) {
            if (settingsFor(c).enabled()) {
                active.add(c);
            }
        }
        return active;
    }

    /** Whether a resolved notification goes to {@code channel}. */
    public boolean sendsResolvedTo(String channel) {
        Boolean perChannel = settingsFor(channel).sendResolved();
        return perChannel != null ? perChannel : sendResolved;
    }

    /**
     * A copy whose credentials (secrets, credential-like header values, chat webhook URL tokens)
     * are replaced so it can be shown or exported safely; see {@link ChannelSettings#redacted(String)}.
     */
    public NotificationPolicy redacted() {
        Map<String, ChannelSettings> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> copy.put(k, v.redacted(k)));
        return new NotificationPolicy(channels, copy, escalation, escalationEnabled, sendResolved, fallbackChannel,
                reminderInterval, templates);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.channels.addAll(channels);
        b.settings.putAll(settings);
        b.escalation.addAll(escalation);
        b.escalationEnabled = escalationEnabled;
        b.sendResolved = sendResolved;
        b.fallbackChannel = fallbackChannel;
        b.reminderInterval = reminderInterval;
        b.templates.putAll(templates);
        return b;
    }

    public static final class Builder {
        private final List<String> channels = new ArrayList<>();
        private final Map<String, ChannelSettings> settings = new LinkedHashMap<>();
        private final List<EscalationLevel> escalation = new ArrayList<>();
        private boolean escalationEnabled;
        private boolean sendResolved = true;
        private String fallbackChannel;
        private Duration reminderInterval;
        private final Map<String, String> templates = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder channels(String... names) {
            channels.clear();
            channels.addAll(List.of(names));
            return this;
        }

        public Builder channels(List<String> names) {
            channels.clear();
            channels.addAll(names);
            return this;
        }

        /** Adds a channel (if not already listed) with its settings. */
        public Builder channel(String name, ChannelSettings channelSettings) {
            if (!channels.contains(name)) {
                channels.add(name);
            }
            settings.put(name, Objects.requireNonNull(channelSettings, "settings"));
            return this;
        }

        /** Settings for a channel without adding it to the notified list (e.g. a disabled block). */
        public Builder settings(String name, ChannelSettings channelSettings) {
            settings.put(name, Objects.requireNonNull(channelSettings, "settings"));
            return this;
        }

        public Builder escalateAfter(Duration delay, String... toChannels) {
            escalation.add(EscalationLevel.after(delay, toChannels));
            escalationEnabled = true;
            return this;
        }

        public Builder escalation(List<EscalationLevel> levels) {
            escalation.clear();
            escalation.addAll(levels);
            return this;
        }

        public Builder escalationEnabled(boolean enabled) {
            this.escalationEnabled = enabled;
            return this;
        }

        public Builder sendResolved(boolean send) {
            this.sendResolved = send;
            return this;
        }

        public Builder fallbackChannel(String channel) {
            this.fallbackChannel = channel;
            return this;
        }

        public Builder remindEvery(Duration interval) {
            this.reminderInterval = interval;
            return this;
        }

        public Builder template(String channel, String templateId) {
            templates.put(channel, templateId);
            return this;
        }

        List<ValidationError> problems() {
            Problems p = new Problems();
            check(channels, settings, escalation, fallbackChannel, reminderInterval, p);
            return p.list();
        }

        public NotificationPolicy build() {
            return new NotificationPolicy(channels, settings, escalation, escalationEnabled,
                    sendResolved, fallbackChannel, reminderInterval, templates);
        }
    }
}

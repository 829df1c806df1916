package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.ValidationError;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the collector's configuration properties (keys without the {@code ipmi.} prefix):
 *
 * <pre>
 * targets=node1,node2                       # ids; none: the local BMC if /dev/ipmi0 exists
 * tool=auto|freeipmi|ipmitool               # default for all targets
 * user=monitor                              # any target option here is a default for all targets
 * passwordEnv=BMC_PASSWORD
 * workarounds=opensesspriv
 * target.node1.host=10.0.0.21
 * target.node1.port=623
 * target.node1.passwordFile=/etc/vigil/node1.pw
 * target.node2.node=worker2                 # node label (default: the id)
 * target.node2.label.rack=r12               # extra label
 * </pre>
 *
 * Every invalid value is reported at once, each with its key as path. Unknown keys under
 * {@code target.<id>.} are errors (a typo must not silently drop a password); unknown top-level
 * keys are left to the runtime ({@code interval}, {@code enabled}).
 */
final class IpmiProperties {
    static final String LOCAL_TARGET = "local";
    static final List<Path> LOCAL_DEVICES = List.of(Path.of("/dev/ipmi0"), Path.of("/dev/ipmi/0"), Path.of("/dev/ipmidev/0"));

    /** Options a target may set and that may also be given once, unprefixed, for all targets. */
    private static final Set<String> SHARED_OPTIONS = Set.of("port", "user", "password", "passwordEnv", "passwordFile",
            "privilege", "workarounds", "cipherSuite", "timeout", "tool", "dcmi", "ipmitoolCommand");
    /** Options only a target may set. */
    private static final Set<String> TARGET_OPTIONS = Set.of("host", "node", "bmc");
    private static final String LABEL_PREFIX = "label.";

    private final CollectorContext context;
    private final Function<String, String> environment;
    private final List<ValidationError> errors = new ArrayList<>();

    private IpmiProperties(CollectorContext context, Function<String, String> environment) {
        this.context = context;
        this.environment = environment;
    }

    /**
     * The builder the properties describe, with the context's clock, host labels and health.
     *
     * @param environment  looks up {@code passwordEnv} variables
     * @param localDevices tells whether a local IPMI device exists, for the default target
     * @throws AlertingException             listing every invalid property
     * @throws CollectorUnavailableException when nothing is configured and there is no local BMC
     */
    static IpmiCollector.Builder parse(CollectorContext context, Function<String, String> environment,
                                       Predicate<Path> localDevices) throws CollectorUnavailableException {
        return new IpmiProperties(context, environment).parse(localDevices);
    }

    private IpmiCollector.Builder parse(Predicate<Path> localDevices) throws CollectorUnavailableException {
        IpmiCollector.Builder builder = IpmiCollector.builder().context(context);
        enumValue("tool", IpmiTool.class).ifPresent(builder::tool);
        path("ipmiSensorsPath").ifPresent(builder::ipmiSensorsPath);
        path("ipmiDcmiPath").ifPresent(builder::ipmiDcmiPath);
        path("ipmitoolPath").ifPresent(builder::ipmitoolPath);
        integer("concurrency").ifPresent(builder::concurrency);
        duration("interval").ifPresent(builder::interval);
        duration("dcmiRetryInterval").ifPresent(builder::dcmiRetryInterval);

        List<String> ids = targetIds();
        checkTargetKeys(ids);
        if (ids.isEmpty() && errors.isEmpty()) {
            if (LOCAL_DEVICES.stream().noneMatch(localDevices)) {
                throw new CollectorUnavailableException("no IPMI targets configured (ipmi.targets) and no local BMC device "
                        + LOCAL_DEVICES.get(0) + " (is the ipmi_devintf kernel module loaded?)");
            }
            ids = List.of(LOCAL_TARGET);
        }
        for (String id : ids) {
            IpmiTarget.Builder target = target(id);
            if (target != null) {
                errors.addAll(target.validate());
                if (errors.isEmpty()) {
                    builder.target(target.build());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw AlertingException.invalid(errors);
        }
        return builder;
    }

    private List<String> targetIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : context.property("targets").orElse("").split(",")) {
            String trimmed = id.trim();
            if (!trimmed.isEmpty() && !ids.add(trimmed)) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "targets", "target '" + trimmed + "' is listed twice"));
            }
        }
        return new ArrayList<>(ids);
    }

    /** Every {@code target.<id>.<option>} key must name a listed target and a known option. */
    private void checkTargetKeys(List<String> ids) {
        for (String key : context.properties().keySet()) {
            if (!key.startsWith("target.")) {
                continue;
            }
            String rest = key.substring("target.".length());
            int dot = rest.indexOf('.');
            String id = dot < 0 ? rest : rest.substring(0, dot);
            String option = dot < 0 ? "" : rest.substring(dot + 1);
            if (!ids.contains(id)) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, key,
                        "target '" + id + "' is not listed in targets"));
            } else if (!SHARED_OPTIONS.contains(option) && !TARGET_OPTIONS.contains(option)
                    && !(option.startsWith(LABEL_PREFIX) && option.length() > LABEL_PREFIX.length())) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, key, "unknown target option '" + option
                        + "'; known: " + new java.util.TreeSet<>(union()) + " and label.<name>"));
            }
        }
    }

    private static Set<String> union() {
        Set<String> all = new LinkedHashSet<>(SHARED_OPTIONS);
        all.addAll(TARGET_OPTIONS);
        return all;
    }

    private IpmiTarget.Builder target(String id) {
        String prefix = "target." + id + ".";
        Optional<String> host = context.property(prefix + "host").map(String::trim);
        IpmiTarget.Builder b = host.isPresent() ? IpmiTarget.lan(id, host.get()) : IpmiTarget.local(id);
        // An in-band target inherits no LAN defaults: a shared user must not make it invalid.
        String lan = host.isPresent() ? null : prefix;
        integer(shared(prefix, "port", lan)).ifPresent(b::port);
        context.property(shared(prefix, "user", lan)).map(String::trim).ifPresent(b::user);
        password(prefix, host.isPresent()).ifPresent(b::password);
        enumValue(shared(prefix, "privilege", lan), IpmiTarget.Privilege.class).ifPresent(b::privilege);
        context.property(shared(prefix, "workarounds")).ifPresent(w -> b.workarounds(list(w)));
        integer(shared(prefix, "cipherSuite", lan)).ifPresent(b::cipherSuite);
        duration(shared(prefix, "timeout")).ifPresent(b::timeout);
        enumValue(prefix + "tool", IpmiTool.class).ifPresent(b::tool);
        enumValue(shared(prefix, "dcmi"), IpmiTarget.DcmiMode.class).ifPresent(b::dcmi);
        context.property(shared(prefix, "ipmitoolCommand")).ifPresent(c -> ipmitoolCommand(shared(prefix, "ipmitoolCommand"), c, b));
        context.property(prefix + "node").ifPresent(b::node);
        context.property(prefix + "bmc").ifPresent(b::bmc);
        String labelPrefix = prefix + LABEL_PREFIX;
        context.properties().forEach((key, value) -> {
            if (key.startsWith(labelPrefix) && key.length() > labelPrefix.length()) {
                b.label(key.substring(labelPrefix.length()), value);
            }
        });
        return b;
    }

    /** The target's own key when set, else the unprefixed default key. */
    private String shared(String prefix, String option) {
        return context.property(prefix + option).isPresent() ? prefix + option : option;
    }

    /** Like {@link #shared(String, String)}, but without a default when {@code noDefaultPrefix} is given. */
    private String shared(String prefix, String option, String noDefaultPrefix) {
        return noDefaultPrefix != null ? noDefaultPrefix + option : shared(prefix, option);
    }

    /** One of password, passwordEnv, passwordFile, from the target's keys if any is set there, else from the defaults. */
    private Optional<Secret> password(String prefix, boolean inheritDefaults) {
        boolean targetLevel = !inheritDefaults || context.property(prefix + "password").isPresent()
                || context.property(prefix + "passwordEnv").isPresent()
                || context.property(prefix + "passwordFile").isPresent();
        String p = targetLevel ? prefix : "";
        Optional<String> plain = context.property(p + "password");
        Optional<String> env = context.property(p + "passwordEnv").map(String::trim);
        Optional<String> file = context.property(p + "passwordFile").map(String::trim);
        int given = (plain.isPresent() ? 1 : 0) + (env.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0);
        if (given > 1) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, p + "password",
                    "give only one of " + p + "password, " + p + "passwordEnv and " + p + "passwordFile"));
            return Optional.empty();
        }
        if (plain.isPresent()) {
            return Optional.of(Secret.of(plain.get()));
        }
        if (env.isPresent()) {
            String value = environment.apply(env.get());
            if (value == null || value.isEmpty()) {
                errors.add(new ValidationError(ErrorCode.MISSING_FIELD, p + "passwordEnv",
                        "environment variable '" + env.get() + "' is not set"));
                return Optional.empty();
            }
            return Optional.of(Secret.of(value));
        }
        if (file.isPresent()) {
            try {
                String content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
                String firstLine = content.lines().findFirst().orElse("");
                if (firstLine.isEmpty()) {
                    errors.add(new ValidationError(ErrorCode.MISSING_FIELD, p + "passwordFile", "'" + file.get() + "' is empty"));
                    return Optional.empty();
                }
                return Optional.of(Secret.of(firstLine));
            } catch (IOException | RuntimeException e) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, p + "passwordFile",
                        "cannot read '" + file.get() + "': " + e.getClass().getSimpleName()));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void ipmitoolCommand(String key, String value, IpmiTarget.Builder b) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "sdr":
            case "sdr elist":
            case "sdr-elist":
                b.ipmitoolCommand(IpmiTarget.IpmitoolCommand.SDR_ELIST);
                break;
            case "sensor":
                b.ipmitoolCommand(IpmiTarget.IpmitoolCommand.SENSOR);
                break;
            default:
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, key, "must be sdr or sensor, was '" + value + "'"));
        }
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
        Optional<String> raw = context.property(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String name = raw.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        errors.add(new ValidationError(ErrorCode.INVALID_FIELD, key, "must be one of " + allowed + ", was '" + raw.get() + "'"));
        return Optional.empty();
    }

    private Optional<Integer> integer(String key) {
        Optional<String> raw = context.property(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.get().trim()));
        } catch (NumberFormatException e) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, key, "must be a whole number, was '" + raw.get() + "'"));
            return Optional.empty();
        }
    }

    private Optional<Duration> duration(String key) {
        if (context.property(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(context.durationProperty(key, Duration.ZERO));
        } catch (IllegalArgumentException e) {
            errors.add(new ValidationError(ErrorCode.INVALID_DURATION, key, e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<Path> path(String key) {
        return context.property(key).map(String::trim).map(Path::of);
    }
}

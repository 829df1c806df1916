package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.ValidationError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One BMC to read: the local one in-band ({@code /dev/ipmi0}, no host) or a remote one over IPMI
 * 2.0 LAN ({@code lanplus}), with the labels its samples carry ({@code node}, {@code bmc} and any
 * extras) and its own connection options. Immutable; build with {@link #lan} or {@link #local}.
 *
 * <pre>{@code
 * IpmiTarget node1 = IpmiTarget.lan("node1", "10.0.0.21")
 *         .user("monitor").password(Secret.of(System.getenv("BMC_PASSWORD")))
 *         .workarounds("opensesspriv")
 *         .build();
 * }</pre>
 */
public final class IpmiTarget {
    /** The RMCP port BMCs listen on unless told otherwise. */
    public static final int DEFAULT_PORT = 623;
    /** How long one target may take (sensors and DCMI together) unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]%-]{1,253}");
    private static final Pattern WORKAROUND = Pattern.compile("[a-z0-9]{1,32}");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Labels the collector sets itself on sensor samples. */
    private static final Set<String> RESERVED_LABELS = Set.of("sensor", "type", "source");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** The session privilege to ask for; reading sensors needs only {@link #USER}. */
    public enum Privilege {
        USER("USER", "USER"),
        OPERATOR("OPERATOR", "OPERATOR"),
        ADMIN("ADMIN", "ADMINISTRATOR");

        private final String freeIpmiName;
        private final String ipmitoolName;

        Privilege(String freeIpmiName, String ipmitoolName) {
            this.freeIpmiName = freeIpmiName;
            this.ipmitoolName = ipmitoolName;
        }

        String freeIpmiName() {
            return freeIpmiName;
        }

        String ipmitoolName() {
            return ipmitoolName;
        }
    }

    /** Whether to ask the BMC for its DCMI power reading. */
    public enum DcmiMode {
        /**
         * Ask; when the BMC says it has no DCMI (or its power measurement is off), stop asking
         * until the collector's DCMI retry interval has passed.
         */
        AUTO,
        /** Ask every time; a BMC without DCMI is reported in the collector's health. */
        ON,
        /** Never ask. */
        OFF
    }

    /** Which ipmitool command lists the sensors. */
    public enum IpmitoolCommand {
        /** {@code sdr elist}: readings, threshold status and discrete states in one pass. */
        SDR_ELIST,
        /** {@code sensor}: readings with thresholds; discrete sensors show raw bits only. */
        SENSOR
    }

    private final String id;
    private final String host;
    private final int port;
    private final String user;
    private final Secret password;
    private final Privilege privilege;
    private final List<String> workarounds;
    private final Integer cipherSuite;
    private final Duration timeout;
    private final IpmiTool tool;
    private final DcmiMode dcmi;
    private final IpmitoolCommand ipmitoolCommand;
    private final Labels labels;

    private IpmiTarget(Builder b) {
        this.id = b.id;
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.password = b.password;
        this.privilege = b.privilege;
        this.workarounds = List.copyOf(b.workarounds);
        this.cipherSuite = b.cipherSuite;
        this.timeout = b.timeout;
        this.tool = b.tool;
        this.dcmi = b.dcmi;
        this.ipmitoolCommand = b.ipmitoolCommand;
        Map<String, String> all = new LinkedHashMap<>(b.extraLabels);
        all.put("node", b.node != null ? b.node : b.id);
        all.put("bmc", b.bmc != null ? b.bmc : b.host != null ? b.host : "local");
        this.labels = Labels.of(all);
    }

    /** A remote BMC over IPMI 2.0 LAN ({@code lanplus}). */
    public static Builder lan(String id, String host) {
        return new Builder(id).host(host);
    }

    /** The local BMC, in-band through the kernel's IPMI driver. */
    public static Builder local(String id) {
        return new Builder(id);
    }

    /** The target's name in configuration and health ({@code target.<id>.host}). */
    public String id() {
        return id;
    }

    /** The BMC's host name or address; empty for the local, in-band BMC. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    public boolean isLan() {
        return host != null;
    }

    public int port() {
        return port;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    public Privilege privilege() {
        return privilege;
    }

    /** FreeIPMI workaround flags ({@code opensesspriv}, {@code authcap}, ...); ipmitool has none. */
    public List<String> workarounds() {
        return workarounds;
    }

    /** The IPMI 2.0 cipher suite id; empty lets the tool choose. */
    public Optional<Integer> cipherSuite() {
        return Optional.ofNullable(cipherSuite);
    }

    public Duration timeout() {
        return timeout;
    }

    /** The tool for this target; {@link IpmiTool#AUTO} follows the collector's choice. */
    public IpmiTool tool() {
        return tool;
    }

    public DcmiMode dcmi() {
        return dcmi;
    }

    public IpmitoolCommand ipmitoolCommand() {
        return ipmitoolCommand;
    }

    /** {@code node}, {@code bmc} and the extra labels every sample of this target carries. */
    public Labels labels() {
        return labels;
    }

    @Override
    public String toString() {
        return "IpmiTarget[" + id + (host == null ? ", in-band" : ", " + host + ":" + port) + ", " + labels + "]";
    }

    /** Builds an {@link IpmiTarget}; {@link #build} reports every invalid option at once. */
    public static final class Builder {
        private final String id;
        private String host;
        private int port = DEFAULT_PORT;
        private String user;
        private Secret password;
        private Privilege privilege = Privilege.USER;
        private final List<String> workarounds = new ArrayList<>();
        private Integer cipherSuite;
        private Duration timeout = DEFAULT_TIMEOUT;
        private IpmiTool tool = IpmiTool.AUTO;
        private DcmiMode dcmi = DcmiMode.AUTO;
        private IpmitoolCommand ipmitoolCommand = IpmitoolCommand.SDR_ELIST;
        private String node;
        private String bmc;
        private final Map<String, String> extraLabels = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = id;
        }

        Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        public Builder privilege(Privilege privilege) {
            this.privilege = Objects.requireNonNull(privilege, "privilege");
            return this;
        }

        /** FreeIPMI workaround flags, e.g. {@code opensesspriv} for OpenIPMI's simulator; replaces earlier ones. */
        public Builder workarounds(String... flags) {
            return workarounds(List.of(flags));
        }

        public Builder workarounds(List<String> flags) {
            workarounds.clear();
            workarounds.addAll(flags);
            return this;
        }

        public Builder cipherSuite(Integer cipherSuite) {
            this.cipherSuite = cipherSuite;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder tool(IpmiTool tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        public Builder dcmi(DcmiMode dcmi) {
            this.dcmi = Objects.requireNonNull(dcmi, "dcmi");
            return this;
        }

        public Builder ipmitoolCommand(IpmitoolCommand command) {
            this.ipmitoolCommand = Objects.requireNonNull(command, "ipmitoolCommand");
            return this;
        }

        /** The {@code node} label; defaults to the target's id. */
        public Builder node(String node) {
            this.node = node;
            return this;
        }

        /** The {@code bmc} label; defaults to the host, or {@code local} in-band. */
        public Builder bmc(String bmc) {
            this.bmc = bmc;
            return this;
        }

        /** An extra label on every sample of this target, e.g. {@code rack=r12}. */
        public Builder label(String name, String value) {
            extraLabels.put(name, value);
            return this;
        }

        /**
         * @throws AlertingException with {@link ErrorCode#MISSING_FIELD} or
         *                           {@link ErrorCode#INVALID_FIELD} for each bad option, located at
         *                           its configuration key ({@code target.node1.port})
         */
        public IpmiTarget build() {
            List<ValidationError> errors = validate();
            if (!errors.isEmpty()) {
                throw AlertingException.invalid(errors);
            }
            return new IpmiTarget(this);
        }

        List<ValidationError> validate() {
            List<ValidationError> errors = new ArrayList<>();
            if (id == null || !ID.matcher(id).matches()) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "targets",
                        "target id '" + id + "' must be 1 to 64 letters, digits, '_' or '-'"));
                return errors;
            }
            String at = "target." + id + ".";
            if (host != null && (!HOST.matcher(host).matches() || host.startsWith("-"))) {
                errors.add(invalid(at + "host", "'" + host + "' is not a host name or address"));
            }
            if (port < 1 || port > 65535) {
                errors.add(invalid(at + "port", "must be between 1 and 65535, was " + port));
            }
            if (host == null && (user != null || password != null)) {
                errors.add(invalid(at + (user != null ? "user" : "password"),
                        "credentials apply only to a LAN target: set target." + id + ".host"));
            }
            if (user != null && (user.isEmpty() || user.startsWith("-") || hasControlCharacter(user) || user.length() > 64)) {
                errors.add(invalid(at + "user", "must be 1 to 64 printable characters, not starting with '-'"));
            }
            if (password != null && hasControlCharacter(password.reveal())) {
                errors.add(invalid(at + "password", "must not contain control characters such as line breaks"));
            }
            for (String flag : workarounds) {
                if (flag == null || !WORKAROUND.matcher(flag).matches()) {
                    errors.add(invalid(at + "workarounds", "'" + flag + "' is not a FreeIPMI workaround flag (lower-case letters and digits)"));
                }
            }
            if (cipherSuite != null && (cipherSuite < 0 || cipherSuite > 17)) {
                errors.add(invalid(at + "cipherSuite", "must be between 0 and 17, was " + cipherSuite));
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                errors.add(new ValidationError(ErrorCode.INVALID_DURATION, at + "timeout",
                        "must be more than zero and at most " + MAX_TIMEOUT + ", was " + timeout));
            }
            requireLabelValue(errors, at + "node", node);
            requireLabelValue(errors, at + "bmc", bmc);
            extraLabels.forEach((name, value) -> {
                if (name == null || !LABEL_NAME.matcher(name).matches() || RESERVED_LABELS.contains(name)
                        || name.equals("node") || name.equals("bmc")) {
                    errors.add(invalid(at + "label." + name, "'" + name + "' is not a free label name"
                            + " (letters, digits, '_'; not node, bmc, sensor, type or source)"));
                } else if (value == null || value.isBlank()) {
                    errors.add(new ValidationError(ErrorCode.MISSING_FIELD, at + "label." + name, "must not be blank"));
                }
            });
            return errors;
        }

        private static void requireLabelValue(List<ValidationError> errors, String path, String value) {
            if (value != null && value.isBlank()) {
                errors.add(new ValidationError(ErrorCode.MISSING_FIELD, path, "must not be blank"));
            }
        }

        private static ValidationError invalid(String path, String message) {
            return new ValidationError(ErrorCode.INVALID_FIELD, path, message);
        }

        private static boolean hasControlCharacter(String s) {
            return s.chars().anyMatch(Character::isISOControl);
        }
    }
}

package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.ValidationError;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorHealth;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads BMC sensors (temperatures, fans, voltages, currents, power, PSU redundancy) from one or
 * more targets through FreeIPMI or ipmitool. Targets are read concurrently on the collector's
 * own small thread pool, each within its own timeout: a hung or unreachable BMC is reported as
 * {@code ipmi_up 0} and in the health record, and the other targets' samples are written as
 * soon as they arrive. Passwords never appear on a command line.
 *
 * <pre>{@code
 * IpmiCollector ipmi = IpmiCollector.builder()
 *         .target(IpmiTarget.lan("node1", "10.0.0.21").user("monitor").password(secret).build())
 *         .target(IpmiTarget.local("self").build())
 *         .build();
 * }</pre>
 *
 * <p>Configured from properties by {@link IpmiCollectorProvider}; see the module's README for
 * the keys and the metrics.
 */
public final class IpmiCollector implements MetricCollector {
    public static final String NAME = "ipmi";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DCMI_RETRY_INTERVAL = Duration.ofHours(1);
    /** At most this many targets are read at the same time unless configured otherwise. */
    public static final int DEFAULT_CONCURRENCY = 8;
    /** Time on top of the targets' own timeouts for killed tools to be reaped. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration IDLE_THREAD_LIFE = Duration.ofMinutes(2);

    private final List<TargetReader> readers;
    private final Labels hostLabels;
    private final CollectorHealth health;
    private final Duration interval;
    private final Duration collectionBudget;
    private final ExecutorService executor;
    private final PrivateDirectory directory;
    private volatile boolean closed;

    private IpmiCollector(List<TargetReader> readers, Builder b, PrivateDirectory directory, int threads) {
        this.readers = List.copyOf(readers);
        this.hostLabels = b.hostLabels;
        this.health = b.health != null ? b.health : new CollectorHealth(b.clock);
        this.interval = b.interval;
        this.directory = directory;
        int rounds = (readers.size() + threads - 1) / threads;
        Duration longest = readers.stream().map(r -> r.target().timeout()).max(Duration::compareTo).orElseThrow();
        this.collectionBudget = longest.multipliedBy(rounds).plus(GRACE);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_LIFE.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads());
        pool.allowCoreThreadTimeOut(true); // a collector with a long interval holds no idle threads
        this.executor = pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration defaultInterval() {
        return interval;
    }

    /** This collector's health: per target, whether it is down, its unreadable output, its DCMI trouble. */
    public CollectorHealth health() {
        return health;
    }

    /** The targets, in configuration order. */
    public List<IpmiTarget> targets() {
        List<IpmiTarget> targets = new ArrayList<>(readers.size());
        readers.forEach(r -> targets.add(r.target()));
        return List.copyOf(targets);
    }

    /**
     * Reads every target concurrently and writes each target's samples as soon as it has
     * answered; a target that has not answered within its timeout is written as down.
     */
    @Override
    public void collect(SampleSink sink) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the IPMI collector is closed");
        }
        CompletionService<TargetReport> completion = new ExecutorCompletionService<>(executor);
        Map<Future<TargetReport>, TargetReader> pending = new LinkedHashMap<>();
        for (TargetReader reader : readers) {
            pending.put(completion.submit(reader::read), reader);
        }
        long deadline = System.nanoTime() + collectionBudget.toNanos();
        try {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                Future<TargetReport> done = left > 0 ? completion.poll(left, TimeUnit.NANOSECONDS) : null;
                if (done == null) {
                    break;
                }
                TargetReader reader = pending.remove(done);
                publish(reader, outcome(done), sink);
            }
        } finally {
            // Interrupting a read kills its tool: no read outlives the collection that started it.
            pending.keySet().forEach(f -> f.cancel(true));
        }
        for (TargetReader reader : pending.values()) {
            publish(reader, TargetReport.down("no result within " + collectionBudget), sink);
        }
    }

    private static TargetReport outcome(Future<TargetReport> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return TargetReport.down("reading failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private void publish(TargetReader reader, TargetReport report, SampleSink sink) {
        String component = "target " + reader.target().id();
        if (report.up()) {
            health.clear(component);
            if (report.outputProblems().isEmpty()) {
                health.clear(component + " output");
            } else {
                List<String> problems = report.outputProblems();
                health.problem(component + " output", problems.size() == 1 ? problems.get(0)
                        : problems.get(0) + " (and " + (problems.size() - 1) + " more)");
            }
            if (report.dcmiProblem() == null) {
                health.clear(component + " dcmi");
            } else {
                health.problem(component + " dcmi", report.dcmiProblem());
            }
        } else {
            health.problem(component, report.downReason());
        }
        SampleWriter.write(report, hostLabels.merge(reader.target().labels()), sink);
    }

    /** Stops the threads (killing any running tool) and deletes the credential files and SDR caches. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                health.problem("close", "reader threads still running after " + CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            directory.close();
        } catch (UncheckedIOException e) {
            health.problem("close", "could not delete " + directory.path() + ": " + e.getCause().getMessage());
        }
    }

    /** The private directory holding credential files and SDR caches (for tests). */
    Path privateDirectory() {
        return directory.path();
    }

    List<TargetReader> readers() {
        return readers;
    }

    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "vigil-ipmi-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Builds an {@link IpmiCollector}. */
    public static final class Builder {
        private final List<IpmiTarget> targets = new ArrayList<>();
        private IpmiTool tool = IpmiTool.AUTO;
        private Path ipmiSensorsPath;
        private Path ipmiDcmiPath;
        private Path ipmitoolPath;
        private Integer concurrency;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration dcmiRetryInterval = DEFAULT_DCMI_RETRY_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Labels hostLabels = Labels.empty();
        private CollectorHealth health;
        private Function<PrivateDirectory, CommandRunner> runners = ProcessCommandRunner::new;
        private ToolLocator locator;

        private Builder() {
        }

        public Builder target(IpmiTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder targets(Collection<IpmiTarget> more) {
            more.forEach(this::target);
            return this;
        }

        /** The tool for targets that do not choose their own; {@link IpmiTool#AUTO} prefers FreeIPMI. */
        public Builder tool(IpmiTool tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /** Where {@code ipmi-sensors} is, when not on {@code PATH} or in an {@code sbin} directory. */
        public Builder ipmiSensorsPath(Path path) {
            this.ipmiSensorsPath = path;
            return this;
        }

        public Builder ipmiDcmiPath(Path path) {
            this.ipmiDcmiPath = path;
            return this;
        }

        public Builder ipmitoolPath(Path path) {
            this.ipmitoolPath = path;
            return this;
        }

        /** How many targets are read at the same time (default: all, up to {@value #DEFAULT_CONCURRENCY}). */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How long to wait before asking a BMC without DCMI again (default one hour). */
        public Builder dcmiRetryInterval(Duration retry) {
            this.dcmiRetryInterval = Objects.requireNonNull(retry, "dcmiRetryInterval");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Labels of the host Vigil runs on; target labels ({@code node}, {@code bmc}) win on a clash. */
        public Builder hostLabels(Labels labels) {
            this.hostLabels = Objects.requireNonNull(labels, "hostLabels");
            return this;
        }

        public Builder health(CollectorHealth health) {
            this.health = health;
            return this;
        }

        /** Takes the clock, host labels and health record from the collector's context. */
        public Builder context(CollectorContext context) {
            return clock(context.clock()).hostLabels(context.hostLabels()).health(context.health());
        }

        Builder commandRunners(Function<PrivateDirectory, CommandRunner> runners) {
            this.runners = Objects.requireNonNull(runners);
            return this;
        }

        Builder toolLocator(ToolLocator locator) {
            this.locator = locator;
            return this;
        }

        /**
         * @throws AlertingException             for invalid settings (no targets, duplicate ids, ...)
         * @throws CollectorUnavailableException when a needed tool is not installed or the private
         *                                       directory for credentials cannot be made
         */
        public IpmiCollector build() throws CollectorUnavailableException {
            validate();
            ToolLocator tools = locator != null ? locator : ToolLocator.fromEnvironment();
            Optional<Path> ipmiSensors = resolve(ipmiSensorsPath, "ipmiSensorsPath", ToolLocator.IPMI_SENSORS, tools);
            Optional<Path> ipmiDcmi = resolve(ipmiDcmiPath, "ipmiDcmiPath", ToolLocator.IPMI_DCMI, tools);
            Optional<Path> ipmitool = resolve(ipmitoolPath, "ipmitoolPath", ToolLocator.IPMITOOL, tools);
            Map<IpmiTarget, IpmiTool> chosen = new LinkedHashMap<>();
            for (IpmiTarget target : targets) {
                chosen.put(target, choose(target, ipmiSensors.isPresent(), ipmitool.isPresent()));
            }
            PrivateDirectory directory;
            try {
                directory = PrivateDirectory.create("vigil-ipmi-");
            } catch (IOException | UnsupportedOperationException e) {
                throw new CollectorUnavailableException("cannot create a private directory for IPMI credentials: " + e.getMessage(), e);
            }
            try {
                CommandRunner runner = runners.apply(directory);
                List<TargetReader> readers = new ArrayList<>();
                for (Map.Entry<IpmiTarget, IpmiTool> e : chosen.entrySet()) {
                    IpmiTarget target = e.getKey();
                    Backend backend = e.getValue() == IpmiTool.FREEIPMI
                            ? FreeIpmiBackend.create(target, ipmiSensors.orElseThrow(), ipmiDcmi.orElse(null), directory)
                            : new IpmitoolBackend(target, ipmitool.orElseThrow());
                    readers.add(new TargetReader(target, backend, runner, clock, dcmiRetryInterval));
                }
                int threads = Math.min(readers.size(), concurrency != null ? concurrency : DEFAULT_CONCURRENCY);
                return new IpmiCollector(readers, this, directory, threads);
            } catch (IOException | RuntimeException e) {
                directory.close();
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new CollectorUnavailableException("cannot write FreeIPMI credential files: " + e.getMessage(), e);
            }
        }

        private void validate() {
            List<ValidationError> errors = new ArrayList<>();
            if (targets.isEmpty()) {
                errors.add(new ValidationError(ErrorCode.MISSING_FIELD, "targets", "at least one target is needed"));
            }
            Set<String> ids = new HashSet<>();
            for (IpmiTarget t : targets) {
                if (!ids.add(t.id())) {
                    errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "targets", "target '" + t.id() + "' is listed twice"));
                }
            }
            if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "concurrency", "must be between 1 and 64, was " + concurrency));
            }
            requirePositive(errors, "interval", interval);
            requirePositive(errors, "dcmiRetryInterval", dcmiRetryInterval);
            if (!errors.isEmpty()) {
                throw AlertingException.invalid(errors);
            }
        }

        private static void requirePositive(List<ValidationError> errors, String path, Duration d) {
            if (d.isZero() || d.isNegative()) {
                errors.add(new ValidationError(ErrorCode.INVALID_DURATION, path, "must be more than zero, was " + d));
            }
        }

        private static Optional<Path> resolve(Path configured, String key, String program, ToolLocator tools)
                throws CollectorUnavailableException {
            if (configured == null) {
                return tools.find(program);
            }
            if (!ToolLocator.isExecutableFile(configured)) {
                throw new CollectorUnavailableException(key + " '" + configured + "' is not an executable file");
            }
            return Optional.of(configured);
        }

        private IpmiTool choose(IpmiTarget target, boolean haveFreeIpmi, boolean haveIpmitool)
                throws CollectorUnavailableException {
            IpmiTool wanted = target.tool() != IpmiTool.AUTO ? target.tool() : tool;
            switch (wanted) {
                case FREEIPMI:
                    if (!haveFreeIpmi) {
                        throw new CollectorUnavailableException("target " + target.id()
                                + " needs FreeIPMI, but ipmi-sensors is not installed (package freeipmi-tools)");
                    }
                    return IpmiTool.FREEIPMI;
                case IPMITOOL:
                    if (!haveIpmitool) {
                        throw new CollectorUnavailableException("target " + target.id()
                                + " needs ipmitool, but it is not installed (package ipmitool)");
                    }
                    return IpmiTool.IPMITOOL;
                default:
                    if (haveFreeIpmi) {
                        return IpmiTool.FREEIPMI;
                    }
                    if (haveIpmitool) {
                        return IpmiTool.IPMITOOL;
                    }
                    throw new CollectorUnavailableException(
                            "neither FreeIPMI (ipmi-sensors) nor ipmitool is installed; looked on PATH and in the sbin directories");
            }
        }
    }
}

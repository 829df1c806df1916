package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads one target: its sensor list, then (time and BMC permitting) its DCMI power reading, all
 * within the target's timeout. Remembers that a BMC has no DCMI so that it is not asked on every
 * collection. Never throws: every failure becomes part of the report.
 */
final class TargetReader {
    /** A DCMI request with less time than this left would only be killed half-way. */
    private static final Duration MIN_DCMI_TIME = Duration.ofMillis(250);

    private final IpmiTarget target;
    private final Backend backend;
    private final CommandRunner runner;
    private final Clock clock;
    private final Duration dcmiRetryInterval;
    /** When to ask a BMC without DCMI again; {@code null} while DCMI is believed to work. */
    private Instant dcmiRetryAt;

    TargetReader(IpmiTarget target, Backend backend, CommandRunner runner, Clock clock, Duration dcmiRetryInterval) {
        this.target = target;
        this.backend = backend;
        this.runner = runner;
        this.clock = clock;
        this.dcmiRetryInterval = dcmiRetryInterval;
    }

    IpmiTarget target() {
        return target;
    }

    Backend backend() {
        return backend;
    }

    /**
     * Synchronized because a read abandoned at the collector's deadline may still be finishing
     * (killing its child) when the next collection starts one.
     */
    synchronized TargetReport read() {
        CommandResult result;
        try {
            result = runner.run(backend.sensorsCommand(), target.timeout());
        } catch (IOException e) {
            return TargetReport.down(redact("cannot run " + backend.toolName() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TargetReport.down("interrupted while reading sensors");
        }
        if (result.timedOut()) {
            return TargetReport.down(redact(backend.toolName() + " gave no answer within " + target.timeout()
                    + " and was stopped" + lastWords(result)));
        }
        ParsedSensors parsed = backend.parseSensors(result.stdout());
        if (result.exitCode() != 0 && parsed.readings().isEmpty()) {
            return TargetReport.down(redact(backend.toolName() + " failed (exit " + result.exitCode() + "): "
                    + ParseSupport.summary(result.stderr(), result.stdout())));
        }
        List<String> problems = new ArrayList<>();
        if (result.exitCode() != 0) {
            problems.add(backend.toolName() + " exited with " + result.exitCode() + ": "
                    + ParseSupport.summary(result.stderr(), ""));
        }
        problems.addAll(parsed.problems());

        OptionalDouble dcmiWatts = OptionalDouble.empty();
        String dcmiProblem = null;
        Optional<Command> dcmi = backend.dcmiCommand();
        Instant now = clock.instant();
        boolean ask = target.dcmi() != IpmiTarget.DcmiMode.OFF && dcmi.isPresent()
                && (target.dcmi() == IpmiTarget.DcmiMode.ON || dcmiRetryAt == null || !now.isBefore(dcmiRetryAt));
        if (ask) {
            Duration left = target.timeout().minus(result.elapsed());
            DcmiOutcome outcome = left.compareTo(MIN_DCMI_TIME) < 0
                    ? new DcmiOutcome.Failed("no time left for the DCMI power reading within " + target.timeout())
                    : askDcmi(dcmi.get(), left);
            if (outcome instanceof DcmiOutcome.Reading reading) {
                dcmiWatts = OptionalDouble.of(reading.watts());
                problems.addAll(reading.problems());
                dcmiRetryAt = null;
            } else if (outcome instanceof DcmiOutcome.Unavailable unavailable) {
                if (target.dcmi() == IpmiTarget.DcmiMode.ON) {
                    dcmiProblem = unavailable.reason();
                } else {
                    dcmiRetryAt = now.plus(dcmiRetryInterval);
                }
            } else if (outcome instanceof DcmiOutcome.Failed failed) {
                dcmiProblem = failed.reason();
            }
        }
        return new TargetReport(true, null, parsed.readings(), redact(problems), dcmiWatts,
                dcmiProblem == null ? null : redact(dcmiProblem));
    }

    /** Whether the last answer said this BMC has no DCMI (and it is not asked until the retry time). */
    synchronized boolean dcmiUnavailable() {
        return dcmiRetryAt != null;
    }

    private DcmiOutcome askDcmi(Command command, Duration timeout) {
        try {
            CommandResult r = runner.run(command, timeout);
            if (r.timedOut()) {
                return new DcmiOutcome.Failed("no DCMI answer within " + timeout + lastWords(r));
            }
            return DcmiParser.judge(r.exitCode(), r.stdout(), r.stderr());
        } catch (IOException e) {
            return new DcmiOutcome.Failed("cannot run the DCMI command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DcmiOutcome.Failed("interrupted while reading DCMI power");
        }
    }

    private static String lastWords(CommandResult r) {
        String said = ParseSupport.summary(r.stderr(), "");
        return said.equals("no output") ? "" : " (last said: " + said + ")";
    }

    private List<String> redact(List<String> messages) {
        List<String> out = new ArrayList<>(messages.size());
        messages.forEach(m -> out.add(redact(m)));
        return out;
    }

    /** Tools do not echo passwords, but a message built from their output must not carry one even if one did. */
    private String redact(String message) {
        Optional<Secret> password = target.password();
        if (password.isEmpty() || password.get().reveal().length() < 3) {
            return message;
        }
        return message.replace(password.get().reveal(), Secret.REDACTED);
    }
}

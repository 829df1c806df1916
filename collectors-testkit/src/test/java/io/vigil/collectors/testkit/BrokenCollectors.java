package io.vigil.collectors.testkit;

import io.vigil.alerting.api.Labels;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;
import io.vigil.collectors.SampleSink;

import java.time.Duration;

/**
 * Collectors that each break one rule on purpose, their providers, and a conformance kit for each.
 * The kits are not run by Surefire (the file name does not end in Test); {@link
 * ConformanceKitCatchesBrokenCollectorsTest} runs them through the JUnit Platform Launcher.
 */
public final class BrokenCollectors {
    private BrokenCollectors() {
    }

    enum Fault {
        NONE,
        SWALLOWS_NAN,
        SWALLOWS_INVALID_NAME,
        SHIFTS_LABEL_NAMES,
        DUPLICATES_SERIES,
        NULL_POINTER_AFTER_CLOSE,
        EMITS_AFTER_CLOSE,
        THROWS_ON_SECOND_CLOSE,
        CHANGES_NAME,
        ZERO_INTERVAL,
        CRASHES_ON_TENTH_COLLECTION,
        EMITS_NOTHING,
        SPACE_IN_PROVIDER_NAME,
        UNLISTED,
        UNAVAILABLE
    }

    /** Behaves well except for its one fault. */
    static final class FaultyCollector implements MetricCollector {
        private final Fault fault;
        private final String name;
        private int collections;
        private int namesAsked;
        private boolean closed;
        private Labels resource = Labels.of("queue", "orders");

        FaultyCollector(Fault fault, String name) {
            this.fault = fault;
            this.name = name;
        }

        @Override
        public String name() {
            return fault == Fault.CHANGES_NAME && namesAsked++ > 0 ? name + namesAsked : name;
        }

        @Override
        public Duration defaultInterval() {
            return fault == Fault.ZERO_INTERVAL ? Duration.ZERO : Duration.ofSeconds(10);
        }

        @Override
        public void collect(SampleSink sink) {
            if (closed) {
                switch (fault) {
                    case NULL_POINTER_AFTER_CLOSE:
                        resource = null;
                        break;
                    case EMITS_AFTER_CLOSE:
                        break;
                    default:
                        throw new IllegalStateException("closed");
                }
            }
            collections++;
            if (fault == Fault.CRASHES_ON_TENTH_COLLECTION && collections == 10) {
                throw new IllegalStateException("the tenth collection always fails");
            }
            if (fault == Fault.EMITS_NOTHING) {
                return;
            }
            sink.accept("queue_depth", collections, Labels.of("queue", resource.get("queue")));
            if (fault == Fault.DUPLICATES_SERIES) {
                sink.accept("queue_depth", collections, Labels.of("queue", resource.get("queue")));
            }
            if (fault == Fault.SHIFTS_LABEL_NAMES) {
                Labels labels = collections % 2 == 0 ? Labels.of("queue", "orders", "shard", "1") : Labels.of("queue", "orders");
                sink.accept("queue_age_seconds", 3, labels);
            }
            if (fault == Fault.SWALLOWS_NAN) {
                try {
                    sink.accept("queue_ratio", 0.0 / 0.0, Labels.empty());
                } catch (IllegalArgumentException ignored) {
                    // the fault: carry on as if nothing happened
                }
            }
            if (fault == Fault.SWALLOWS_INVALID_NAME) {
                try {
                    sink.accept("queue depth", 1, Labels.empty());
                } catch (IllegalArgumentException ignored) {
                    // the fault: carry on as if nothing happened
                }
            }
        }

        @Override
        public void close() {
            if (closed && fault == Fault.THROWS_ON_SECOND_CLOSE) {
                throw new IllegalStateException("already closed");
            }
            closed = true;
        }
    }

    abstract static class FaultyProvider implements MetricCollectorProvider {
        private final Fault fault;

        FaultyProvider(Fault fault) {
            this.fault = fault;
        }

        @Override
        public String name() {
            return fault == Fault.SPACE_IN_PROVIDER_NAME ? "faulty queue" : "faulty";
        }

        @Override
        public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
            if (fault == Fault.UNAVAILABLE) {
                throw new CollectorUnavailableException("no queue on this machine");
            }
            return new FaultyCollector(fault, name());
        }
    }

    public static final class Correct extends FaultyProvider { public Correct() { super(Fault.NONE); } }
    public static final class SwallowsNan extends FaultyProvider { public SwallowsNan() { super(Fault.SWALLOWS_NAN); } }
    public static final class SwallowsInvalidName extends FaultyProvider { public SwallowsInvalidName() { super(Fault.SWALLOWS_INVALID_NAME); } }
    public static final class ShiftsLabelNames extends FaultyProvider { public ShiftsLabelNames() { super(Fault.SHIFTS_LABEL_NAMES); } }
    public static final class DuplicatesSeries extends FaultyProvider { public DuplicatesSeries() { super(Fault.DUPLICATES_SERIES); } }
    public static final class NullPointerAfterClose extends FaultyProvider { public NullPointerAfterClose() { super(Fault.NULL_POINTER_AFTER_CLOSE); } }
    public static final class EmitsAfterClose extends FaultyProvider { public EmitsAfterClose() { super(Fault.EMITS_AFTER_CLOSE); } }
    public static final class ThrowsOnSecondClose extends FaultyProvider { public ThrowsOnSecondClose() { super(Fault.THROWS_ON_SECOND_CLOSE); } }
    public static final class ChangesName extends FaultyProvider { public ChangesName() { super(Fault.CHANGES_NAME); } }
    public static final class ZeroInterval extends FaultyProvider { public ZeroInterval() { super(Fault.ZERO_INTERVAL); } }
    public static final class CrashesOnTenthCollection extends FaultyProvider { public CrashesOnTenthCollection() { super(Fault.CRASHES_ON_TENTH_COLLECTION); } }
    public static final class EmitsNothing extends FaultyProvider { public EmitsNothing() { super(Fault.EMITS_NOTHING); } }
    public static final class SpaceInProviderName extends FaultyProvider { public SpaceInProviderName() { super(Fault.SPACE_IN_PROVIDER_NAME); } }
    /** Deliberately missing from META-INF/services. */
    public static final class Unlisted extends FaultyProvider { public Unlisted() { super(Fault.UNLISTED); } }
    public static final class Unavailable extends FaultyProvider { public Unavailable() { super(Fault.UNAVAILABLE); } }

    /** The kit run against one provider class; subclasses only name the class. */
    abstract static class KitFor extends MetricCollectorConformanceTest {
        private final FaultyProvider provider;

        KitFor(FaultyProvider provider) {
            this.provider = provider;
        }

        @Override
        protected MetricCollectorProvider provider() {
            return provider;
        }
    }

    static final class CorrectKit extends KitFor { CorrectKit() { super(new Correct()); } }
    static final class SwallowsNanKit extends KitFor { SwallowsNanKit() { super(new SwallowsNan()); } }
    static final class SwallowsInvalidNameKit extends KitFor { SwallowsInvalidNameKit() { super(new SwallowsInvalidName()); } }
    static final class ShiftsLabelNamesKit extends KitFor { ShiftsLabelNamesKit() { super(new ShiftsLabelNames()); } }
    static final class DuplicatesSeriesKit extends KitFor { DuplicatesSeriesKit() { super(new DuplicatesSeries()); } }
    static final class NullPointerAfterCloseKit extends KitFor { NullPointerAfterCloseKit() { super(new NullPointerAfterClose()); } }
    static final class EmitsAfterCloseKit extends KitFor { EmitsAfterCloseKit() { super(new EmitsAfterClose()); } }
    static final class ThrowsOnSecondCloseKit extends KitFor { ThrowsOnSecondCloseKit() { super(new ThrowsOnSecondClose()); } }
    static final class ChangesNameKit extends KitFor { ChangesNameKit() { super(new ChangesName()); } }
    static final class ZeroIntervalKit extends KitFor { ZeroIntervalKit() { super(new ZeroInterval()); } }
    static final class CrashesOnTenthCollectionKit extends KitFor { CrashesOnTenthCollectionKit() { super(new CrashesOnTenthCollection()); } }
    static final class EmitsNothingKit extends KitFor { EmitsNothingKit() { super(new EmitsNothing()); } }
    static final class SpaceInProviderNameKit extends KitFor { SpaceInProviderNameKit() { super(new SpaceInProviderName()); } }
    static final class UnlistedKit extends KitFor { UnlistedKit() { super(new Unlisted()); } }
    static final class UnavailableKit extends KitFor { UnavailableKit() { super(new Unavailable()); } }
}

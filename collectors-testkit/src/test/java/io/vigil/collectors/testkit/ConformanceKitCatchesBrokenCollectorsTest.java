package io.vigil.collectors.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Runs the kit against collectors that each break one rule, through the JUnit Platform Launcher
 * as a build would, and checks that exactly the matching checks fail.
 */
class ConformanceKitCatchesBrokenCollectorsTest {

    private static final Set<String> ALL_CHECKS = Set.of(
            "providerIsListedInMetaInfServices",
            "providerNameIsAUsableConfigurationPrefix",
            "collectorIsNamedLikeItsProviderAndKeepsItsName",
            "defaultIntervalIsPositive",
            "metricNamesAreValidAndEachMetricKeepsItsLabelNames",
            "noSeriesIsReportedTwiceInOneCollection",
            "neverOffersNonFiniteValues",
            "survivesRepeatedCollection",
            "collectingAfterCloseFailsCleanlyOrEmitsNothing",
            "closeIsIdempotent");

    static Stream<Arguments> brokenCollectors() {
        return Stream.of(
                arguments(BrokenCollectors.SwallowsNanKit.class, Set.of("neverOffersNonFiniteValues")),
                arguments(BrokenCollectors.SwallowsInvalidNameKit.class, Set.of("metricNamesAreValidAndEachMetricKeepsItsLabelNames")),
                arguments(BrokenCollectors.ShiftsLabelNamesKit.class, Set.of("metricNamesAreValidAndEachMetricKeepsItsLabelNames")),
                arguments(BrokenCollectors.DuplicatesSeriesKit.class, Set.of("noSeriesIsReportedTwiceInOneCollection")),
                arguments(BrokenCollectors.NullPointerAfterCloseKit.class, Set.of("collectingAfterCloseFailsCleanlyOrEmitsNothing")),
                arguments(BrokenCollectors.EmitsAfterCloseKit.class, Set.of("collectingAfterCloseFailsCleanlyOrEmitsNothing")),
                arguments(BrokenCollectors.ThrowsOnSecondCloseKit.class, Set.of("closeIsIdempotent")),
                arguments(BrokenCollectors.ChangesNameKit.class, Set.of("collectorIsNamedLikeItsProviderAndKeepsItsName")),
                arguments(BrokenCollectors.ZeroIntervalKit.class, Set.of("defaultIntervalIsPositive")),
                arguments(BrokenCollectors.CrashesOnTenthCollectionKit.class, Set.of("survivesRepeatedCollection")),
                arguments(BrokenCollectors.EmitsNothingKit.class, Set.of("survivesRepeatedCollection")),
                arguments(BrokenCollectors.SpaceInProviderNameKit.class, Set.of("providerNameIsAUsableConfigurationPrefix")),
                arguments(BrokenCollectors.UnlistedKit.class, Set.of("providerIsListedInMetaInfServices")));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @org.junit.jupiter.params.provider.MethodSource("brokenCollectors")
    void exactlyTheBrokenRuleFails(Class<?> kit, Set<String> expectedFailures) {
        Map<String, TestExecutionResult.Status> results = run(kit);

        assertThat(results.keySet()).as("checks run").isEqualTo(ALL_CHECKS);
        assertThat(withStatus(results, TestExecutionResult.Status.FAILED)).isEqualTo(expectedFailures);
        Set<String> passing = new TreeSet<>(ALL_CHECKS);
        passing.removeAll(expectedFailures);
        assertThat(withStatus(results, TestExecutionResult.Status.SUCCESSFUL)).isEqualTo(passing);
    }

    @Test
    void aWellBehavedCollectorPassesEveryCheck() {
        Map<String, TestExecutionResult.Status> results = run(BrokenCollectors.CorrectKit.class);
        assertThat(results).hasSize(ALL_CHECKS.size())
                .allSatisfy((check, status) -> assertThat(status).as(check).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
    }

    @Test
    void anUnavailableCollectorIsSkippedNotFailed() {
        Map<String, TestExecutionResult.Status> results = run(BrokenCollectors.UnavailableKit.class);
        assertThat(withStatus(results, TestExecutionResult.Status.SUCCESSFUL))
                .containsExactlyInAnyOrder("providerIsListedInMetaInfServices", "providerNameIsAUsableConfigurationPrefix");
        assertThat(withStatus(results, TestExecutionResult.Status.ABORTED)).hasSize(ALL_CHECKS.size() - 2);
    }

    /** Each check's method name and how it ended. */
    private static Map<String, TestExecutionResult.Status> run(Class<?> kit) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(kit))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        Map<String, TestExecutionResult.Status> results = new TreeMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    results.put(m.getMethodName(), result.getStatus());
                }
            }
        };
        LauncherFactory.create().execute(request, listener);
        return results;
    }

    private static Set<String> withStatus(Map<String, TestExecutionResult.Status> results, TestExecutionResult.Status status) {
        Set<String> names = new TreeSet<>();
        results.forEach((check, s) -> {
            if (s == status) {
                names.add(check);
            }
        });
        return names;
    }
}

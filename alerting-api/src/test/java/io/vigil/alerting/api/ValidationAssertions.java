package io.vigil.alerting.api;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Runs code that must fail validation and hands back its problems for precise assertions. */
final class ValidationAssertions {
    private ValidationAssertions() {
    }

    /** The problems of the {@link AlertingException} that {@code code} throws; fails if it throws anything else. */
    static List<ValidationError> errorsOf(ThrowingCallable code) {
        Throwable t = catchThrowable(code);
        assertThat(t).as("expected an AlertingException").isInstanceOf(AlertingException.class);
        return ((AlertingException) t).errors();
    }

    /** "CODE@path" for each problem, compact to compare with {@code containsExactly}. */
    static List<String> codesAndPaths(ThrowingCallable code) {
        return errorsOf(code).stream().map(e -> e.code() + "@" + e.path()).collect(Collectors.toList());
    }
}

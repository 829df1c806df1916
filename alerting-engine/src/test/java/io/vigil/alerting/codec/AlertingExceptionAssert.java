package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ValidationError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Asserts that reading fails with exactly the expected problems, compactly written as {@code CODE@path}. */
final class AlertingExceptionAssert {
    private final AlertingException exception;

    private AlertingExceptionAssert(AlertingException exception) {
        this.exception = exception;
    }

    static AlertingExceptionAssert assertThatReading(ThrowingCallable read) {
        Throwable t = catchThrowable(read);
        assertThat(t).as("reading must fail with an AlertingException").isInstanceOf(AlertingException.class);
        return new AlertingExceptionAssert((AlertingException) t);
    }

    AlertingExceptionAssert hasProblems(String... codeAtPath) {
        assertThat(problems()).as(exception.getMessage()).containsExactly(codeAtPath);
        return this;
    }

    AlertingExceptionAssert messageAt(String path, String... fragments) {
        ValidationError e = exception.errors().stream().filter(v -> v.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + problems()));
        assertThat(e.message()).contains(fragments);
        return this;
    }

    AlertingExceptionAssert messageDoesNotContain(String text) {
        assertThat(exception.getMessage()).doesNotContain(text);
        return this;
    }

    List<String> problems() {
        return exception.errors().stream().map(e -> e.code() + "@" + e.path()).collect(Collectors.toList());
    }

    AlertingException exception() {
        return exception;
    }
}

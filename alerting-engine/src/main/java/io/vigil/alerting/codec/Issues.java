package io.vigil.alerting.codec;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The problems found in one document. The codec's own findings (wrong types, unknown fields) come
 * first; the model's validation errors are added after, translated to document paths, and dropped
 * where the codec already reported the same field, so each bad field is reported once.
 */
final class Issues {
    /** A document with thousands of bad fields gets a readable answer, not a megabyte of errors. */
    static final int MAX_REPORTED = 100;

    private final List<ValidationError> found = new ArrayList<>();
    private int dropped;

    void add(ErrorCode code, String path, String message) {
        if (found.size() < MAX_REPORTED) {
            found.add(new ValidationError(code, path, message));
        } else {
            dropped++;
        }
    }

    /** Adds a model exception's problems, each path translated; skips fields the codec already reported. */
    void addModel(AlertingException e, UnaryOperator<String> toDocumentPath) {
        for (ValidationError error : e.errors()) {
            String path = toDocumentPath.apply(error.path());
            if (!coversPath(path)) {
                add(error.code(), path, error.message());
            }
        }
    }

    /** Adds problems found for a nested document at {@code prefix} (a rule inside a list). */
    void addNested(Issues nested, String prefix) {
        for (ValidationError e : nested.found) {
            ValidationError moved = e.under(prefix);
            add(moved.code(), moved.path(), moved.message());
        }
        dropped += nested.dropped;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Whether a problem was reported at {@code path}, inside it, or at a field containing it. */
    private boolean coversPath(String path) {
        for (ValidationError e : found) {
            if (Paths.related(e.path(), path)) {
                return true;
            }
        }
        return false;
    }

    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<ValidationError> all = new ArrayList<>(found);
        if (dropped > 0) {
            all.add(new ValidationError(all.get(0).code(), "", dropped + " more problems not listed"));
        }
        throw AlertingException.invalid(all);
    }
}

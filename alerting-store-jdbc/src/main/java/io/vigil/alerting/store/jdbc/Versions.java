package io.vigil.alerting.store.jdbc;

import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;

/** The error for an update that named a version other than the stored one. */
final class Versions {
    private Versions() {
    }

    static AlertingException conflict(String what, long stored, long given) {
        return new AlertingException(ErrorCode.VERSION_CONFLICT,
                what + " was changed by someone else (version " + stored + ", yours " + given + "); reload and retry");
    }

    static AlertingException exists(String what) {
        return new AlertingException(ErrorCode.VERSION_CONFLICT, what + " exists");
    }
}

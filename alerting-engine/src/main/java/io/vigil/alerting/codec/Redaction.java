package io.vigil.alerting.codec;

import io.vigil.alerting.api.Secret;

/** Whether written documents show secrets. */
public enum Redaction {
    /** Every secret is written as {@value Secret#REDACTED}; the default, safe to show and log. */
    REDACT,
    /** Secrets are written as they are: for backups and migrations, never for display. */
    REVEAL
}

package io.vigil.alerting.codec;

import io.vigil.alerting.api.Secret;

/** Whether written documents show credentials. */
public enum Redaction {
    /**
     * Every credential is written as {@value Secret#REDACTED}: signing secrets, values of
     * credential-like headers, and the token (path) of Discord and Slack webhook URLs, as
     * {@link io.vigil.alerting.api.ChannelSettings#redacted(String)} decides. The default, safe to show and log.
     */
    REDACT,
    /** Credentials are written as they are: for backups and migrations, never for display. */
    REVEAL
}

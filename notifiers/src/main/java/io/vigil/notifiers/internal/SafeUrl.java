package io.vigil.notifiers.internal;

import okhttp3.HttpUrl;

/**
 * The form of a URL that may appear in records, errors and logs. Webhook URLs carry their
 * credentials in the path (Discord, Slack) or the query (SMS gateways), so only the scheme, host
 * and port are shown.
 */
public final class SafeUrl {
    private SafeUrl() {
    }

    public static String describe(HttpUrl url) {
        boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
        return url.scheme() + "://" + url.host() + (defaultPort ? "" : ":" + url.port());
    }
}

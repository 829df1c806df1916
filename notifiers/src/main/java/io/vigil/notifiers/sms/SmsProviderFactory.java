package io.vigil.notifiers.sms;

import io.vigil.alerting.spi.NotifierContext;

import java.util.Optional;

/**
 * The SMS provider SPI: one factory per SMS service, found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.vigil.notifiers.sms.SmsProviderFactory} and chosen by the
 * configured provider name (seed 003 {@code sms.provider}). Vigil ships {@code http}, a generic
 * HTTP gateway client.
 */
public interface SmsProviderFactory {

    /** The provider name that selects this factory ({@code http}). */
    String name();

    /** The provider for {@code settings}, or empty if they lack what it needs. */
    Optional<SmsProvider> create(SmsSettings settings, NotifierContext context);
}

package io.vigil.examples.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key's default, written as a user would write it in the file ({@code "8000"}, {@code "10s"},
 * {@code "a, b"}); it goes through the same conversion and checks as a configured value. A key
 * without a default (and not a section) is unset unless configured.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}

package io.vigil.notifiers.template;

import java.util.Objects;

/**
 * A message rendered for one channel.
 *
 * @param title subject line or heading
 * @param body  the text
 */
public record RenderedMessage(String title, String body) {
    public RenderedMessage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}

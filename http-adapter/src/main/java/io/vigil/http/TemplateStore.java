package io.vigil.http;

import java.util.List;
import java.util.Optional;

/**
 * Where message templates live. Implementations must be thread-safe; the default is
 * {@link InMemoryTemplateStore}. The notifiers module's template registry can stand behind this
 * interface so that templates edited over HTTP are the ones notifications use.
 */
public interface TemplateStore {

    /** Every template, ordered by id. */
    List<NotificationTemplate> list();

    Optional<NotificationTemplate> find(String id);

    /** Stores a new template; false (and nothing stored) if its id is taken. */
    boolean create(NotificationTemplate template);

    /** Replaces a template; false if there is none with that id. */
    boolean update(NotificationTemplate template);

    /** Deletes a template; false if there was none. */
    boolean delete(String id);
}

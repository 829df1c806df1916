package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's message templates at {@code /api/v1/notifications/templates}: CRUD, with the variables
 * a template uses listed (and checked against the ones declared), and a preview that renders it.
 * Seed 001's snake_case names ({@code webhook_type}) are accepted beside the camelCase ones.
 */
final class TemplatesApi {
    private static final String BASE = "/api/v1/notifications/templates";
    private static final String TAG = "Message templates (seed 001)";

    private final Services s;
    private final TemplateStore store;

    TemplatesApi(Services services) {
        this.s = services;
        this.store = services.options.templateStore();
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE).tag(TAG).summary("List message templates").handler(this::list),
                Route.get(BASE + "/{id}").tag(TAG).summary("Get a template").handler(this::get),
                Route.post(BASE).permission(Permission.ALERT_WRITE).tag(TAG).status(201)
                        .summary("Create a template: text with {variable} placeholders")
                        .body("{id?, name, description?, channel?, title?, template, variables?}").handler(this::create),
                Route.put(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Change a template: the fields given replace the stored ones").body("NotificationTemplate (partial)")
                        .handler(this::update),
                Route.delete(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG).summary("Delete a template")
                        .handler(this::delete),
                Route.post(BASE + "/{id}/render").tag(TAG).summary("Preview a template with variable values")
                        .body("{variables: {name: value}}").handler(this::render));
    }

    private NotificationTemplate require(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no message template '" + id + "'"));
    }

    private Reply list(Call call) {
        ArrayNode list = Json.array();
        store.list().forEach(t -> list.add(write(t)));
        ObjectNode data = Json.object();
        data.set("list", list);
        data.put("total", list.size());
        return Envelope.ok(data);
    }

    private Reply get(Call call) {
        return Envelope.ok(write(require(call.path("id"))));
    }

    private static final String[] FIELDS = {"id", "name", "description", "channel", "webhook_type", "title", "template",
            "variables"};

    private Reply create(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", FIELDS);
        String id = Fields.text(body, "id", 100);
        Instant now = s.now();
        NotificationTemplate t = build(body, id != null ? id : Services.newId("tpl_"), null, now, now);
        if (!store.create(t)) {
            throw new ApiException(ApiError.CONFLICT, "a template with id '" + t.id() + "' exists");
        }
        return Envelope.created(write(t));
    }

    private Reply update(Call call) throws IOException {
        NotificationTemplate current = require(call.path("id"));
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", FIELDS);
        String id = Fields.text(body, "id", 100);
        if (id != null && !id.equals(current.id())) {
            throw ApiException.badParameter("id", "does not match the template being changed; ids cannot change");
        }
        NotificationTemplate t = build(body, current.id(), current, current.createdAt(), s.now());
        if (!store.update(t)) {
            throw ApiException.notFound("no message template '" + current.id() + "'");
        }
        return Envelope.ok(write(t), "Updated");
    }

    private NotificationTemplate build(ObjectNode body, String id, NotificationTemplate current, Instant created,
                                       Instant updated) {
        String name = pick(body, "name", current == null ? null : current.name(), 200);
        String description = pick(body, "description", current == null ? null : current.description(), 2000);
        String channel = body.has("channel") || !body.has("webhook_type")
                ? pick(body, "channel", current == null ? null : current.channel(), 64)
                : Fields.text(body, "webhook_type", 64);
        String title = pick(body, "title", current == null ? null : current.title(), 1000);
        String text = pick(body, "template", current == null ? null : current.body(), NotificationTemplate.MAX_TEXT);
        List<String> used = new ArrayList<>(Placeholders.of(title));
        Placeholders.of(text).stream().filter(v -> !used.contains(v)).forEach(used::add);
        List<String> declared = Fields.strings(body, "variables", 200, 100);
        List<String> variables = declared != null ? declared : used;
        if (declared != null) {
            List<ValidationError> errors = new ArrayList<>();
            for (String v : used) {
                if (!declared.contains(v)) {
                    errors.add(new ValidationError(ErrorCode.INVALID_FIELD, "variables",
                            "the template uses {" + v + "}, which is not among the declared variables"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.from(AlertingException.invalid(errors), false);
            }
        }
        try {
            return new NotificationTemplate(id, name, description, channel, title, text, variables, created, updated);
        } catch (AlertingException e) {
            throw ApiException.from(e, false);
        }
    }

    private static String pick(ObjectNode body, String field, String current, int max) {
        return body.has(field) ? Fields.text(body, field, max) : current;
    }

    private Reply delete(Call call) {
        String id = call.path("id");
        if (!store.delete(id)) {
            throw ApiException.notFound("no message template '" + id + "'");
        }
        return Envelope.ok(Json.object().put("id", id).put("deleted", true), "Deleted");
    }

    private Reply render(Call call) throws IOException {
        NotificationTemplate t = require(call.path("id"));
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "variables");
        Map<String, String> values = Fields.stringMap(body, "variables", 200, 10_000);
        Map<String, String> given = values == null ? Map.of() : values;
        ObjectNode data = Json.object();
        data.put("id", t.id());
        data.put("title", Placeholders.render(t.title(), given));
        data.put("body", Placeholders.render(t.body(), given));
        data.set("missing", Json.strings(t.variables().stream().filter(v -> !given.containsKey(v)).toList()));
        return Envelope.ok(data);
    }

    private static ObjectNode write(NotificationTemplate t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("description", t.description());
        o.put("channel", t.channel());
        o.put("title", t.title());
        o.put("template", t.body());
        o.set("variables", Json.strings(t.variables()));
        o.set("createdAt", Json.instant(t.createdAt()));
        o.set("updatedAt", Json.instant(t.updatedAt()));
        return o;
    }
}

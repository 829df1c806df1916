package io.vigil.alerting.runtime;

import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.api.NotificationKind;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notification request, for assertions. */
final class RecordingHandoff implements NotificationHandoff {
    final List<NotificationRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void handOff(NotificationRequest request) {
        requests.add(request);
    }

    List<NotificationKind> kinds() {
        return requests.stream().map(NotificationRequest::kind).toList();
    }
}

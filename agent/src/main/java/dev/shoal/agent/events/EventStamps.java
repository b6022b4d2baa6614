package dev.shoal.agent.events;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.ObjectMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What a store sets on an event it writes: resourceVersion; uid and creationTimestamp kept from the
 * first write.
 */
public final class EventStamps {
  private EventStamps() {}

  public static Event stamp(Event event, Event before, long version, Instant now) {
    ObjectMeta meta = event.metadata();
    String uid =
        before != null
            ? before.metadata().uid()
            : meta.uid() != null ? meta.uid() : UUID.randomUUID().toString();
    Instant created =
        before != null && before.metadata().creationTimestamp() != null
            ? before.metadata().creationTimestamp()
            : meta.creationTimestamp() != null
                ? meta.creationTimestamp()
                : now.truncatedTo(ChronoUnit.SECONDS);
    return event.withMetadata(
        meta.withUid(uid)
            .withCreationTimestamp(created)
            .withResourceVersion(Long.toString(version)));
  }
}

package dev.shoal.agent.api;

import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The API's reads of events: from the {@link EventStore}, not the object store, as core/v1 Events
 * or, under {@code /apis/events.k8s.io/v1}, as their events.k8s.io/v1 view. Events are written by
 * the agents only.
 */
final class EventViews {
  private final EventStore events;

  EventViews(EventStore events) {
    this.events = events;
  }

  static boolean serves(KindInfo kind) {
    return kind == ResourceKinds.EVENT || kind == ResourceKinds.EVENTS_V1;
  }

  /** The 405 of a write to events. */
  static ApiError readOnly(KindInfo kind) {
    return new ApiError(
        new Status(
            Status.FAILURE,
            "events are recorded by the agents; the API serves "
                + kind.plural()
                + (kind.group().isEmpty() ? "" : "." + kind.group())
                + " read-only (get, list, watch)",
            "MethodNotAllowed",
            null,
            405));
  }

  Future<Resource> get(ApiPath path) {
    return events.get(path.namespace(), path.name()).map(e -> view(path.kind(), e));
  }

  Future<ClusterStore.Listing> list(ApiPath path) {
    return events
        .list(path.namespace())
        .map(
            listing ->
                new ClusterStore.Listing(
                    listing.items().stream().map(e -> view(path.kind(), (Event) e)).toList(),
                    listing.version()));
  }

  Future<ClusterStore.Watch> watch(ApiPath path, long sinceVersion, Consumer<WatchEvent> sink) {
    return events.watch(
        path.namespace(),
        sinceVersion,
        change ->
            sink.accept(
                new WatchEvent(
                    change.type(), view(path.kind(), (Event) change.object()), change.version())));
  }

  private static Resource view(KindInfo kind, Event event) {
    return kind == ResourceKinds.EVENTS_V1 ? EventsV1Event.of(event) : event;
  }
}

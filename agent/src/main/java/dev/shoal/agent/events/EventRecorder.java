package dev.shoal.agent.events;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.ObjectReference;
import io.vertx.core.Future;

/**
 * Tells what happened to an object, as a core/v1 Event. Never blocks and never fails its caller:
 * the future completes once the event is written, folded into an earlier one, rate-limited or
 * (logged) dropped, always successfully. Repeats of the same event become one Event with a count.
 */
@FunctionalInterface
public interface EventRecorder {

  /** Records nothing (components built without events, tests). */
  EventRecorder NONE = (about, type, reason, message) -> Future.succeededFuture();

  /**
   * {@code type} is {@link Event#NORMAL} or {@link Event#WARNING}; {@code reason} a short CamelCase
   * word.
   */
  Future<Void> record(ObjectReference about, String type, String reason, String message);

  default Future<Void> normal(ObjectReference about, String reason, String message) {
    return record(about, Event.NORMAL, reason, message);
  }

  default Future<Void> warning(ObjectReference about, String reason, String message) {
    return record(about, Event.WARNING, reason, message);
  }
}

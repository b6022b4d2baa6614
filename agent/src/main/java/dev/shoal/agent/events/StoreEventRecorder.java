package dev.shoal.agent.events;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSource;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.validation.FieldError;
import dev.shoal.manifests.validation.Validator;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventRecorder} of one component on one host ({@code kubelet} on node h1, ...): drafts
 * the Event, lets the {@link EventCorrelator} fold or drop it, and writes it to the {@link
 * EventStore}. A failed write is logged and dropped; the caller never waits on a retry.
 */
public final class StoreEventRecorder implements EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(StoreEventRecorder.class);

  /** client-go's events recorder cuts longer notes to this. */
  static final int MAX_MESSAGE = 1024;

  private final EventStore store;
  private final EventSource source;
  private final EventCorrelator correlator;
  private final Clock clock;

  public StoreEventRecorder(
      EventStore store, EventSource source, EventCorrelator correlator, Clock clock) {
    this.store = store;
    this.source = source;
    this.correlator = correlator;
    this.clock = clock;
  }

  /** A recorder for {@code component} on {@code host} with client-go's folding and rate limits. */
  public static EventRecorder of(EventStore store, String component, String host) {
    return new StoreEventRecorder(
        store, new EventSource(component, host), EventCorrelator.defaults(), Clock.systemUTC());
  }

  @Override
  public Future<Void> record(ObjectReference about, String type, String reason, String message) {
    try {
      EventCorrelator.Decision decision =
          correlator.correlate(draft(about, type, reason, message), clock.instant());
      if (decision instanceof EventCorrelator.Decision.Drop drop) {
        LOG.debug("event not recorded: {}", drop.why());
        return Future.succeededFuture();
      }
      Event event = ((EventCorrelator.Decision.Write) decision).event();
      List<FieldError> errors = Validator.validate(event);
      if (!errors.isEmpty()) {
        LOG.warn(
            "event {} {} about {} not recorded: it is invalid: {}", type, reason, about, errors);
        return Future.succeededFuture();
      }
      return store
          .put(event)
          .<Void>mapEmpty()
          .recover(
              failure -> {
                LOG.warn(
                    "event {} about {} {}/{} not recorded: {}",
                    reason,
                    about.kind(),
                    about.namespace(),
                    about.name(),
                    failure.toString());
                return Future.succeededFuture();
              });
    } catch (RuntimeException e) {
      LOG.warn("event {} not recorded: {}", reason, e.toString());
      return Future.succeededFuture();
    }
  }

  private Event draft(ObjectReference about, String type, String reason, String message) {
    String namespace =
        about.namespace() == null || about.namespace().isEmpty()
            ? ObjectMeta.DEFAULT_NAMESPACE
            : about.namespace();
    String note =
        message != null && message.length() > MAX_MESSAGE
            ? message.substring(0, MAX_MESSAGE)
            : message;
    return new Event(
        ObjectMeta.named(namespace, about.name()),
        about,
        reason,
        note,
        source,
        null,
        null,
        null,
        type,
        null,
        null,
        null,
        null,
        source.component(),
        source.host());
  }
}

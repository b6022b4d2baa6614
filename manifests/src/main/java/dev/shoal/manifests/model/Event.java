package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.shoal.manifests.codec.MicroTime;
import java.time.Instant;

/**
 * A core/v1 Event: something that happened to {@code involvedObject}, told by {@code source}.
 * Repeats of the same event are one object whose {@code count} grows and whose {@code
 * lastTimestamp} moves. Shoal keeps events apart from the cluster's state, for an hour. {@link
 * EventsV1Event} is the events.k8s.io/v1 view.
 *
 * @param type {@value #NORMAL} or {@value #WARNING}
 * @param eventTime when it was first seen, with microseconds
 * @param reportingComponent the controller that reported it ({@code reportingController} in
 *     events.k8s.io/v1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "metadata",
  "involvedObject",
  "reason",
  "message",
  "source",
  "firstTimestamp",
  "lastTimestamp",
  "count",
  "type",
  "eventTime",
  "series",
  "action",
  "related",
  "reportingComponent",
  "reportingInstance"
})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Event(
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    EventSource source,
    Instant firstTimestamp,
    Instant lastTimestamp,
    Integer count,
    String type,
    @JsonSerialize(using = MicroTime.class) Instant eventTime,
    EventSeries series,
    String action,
    ObjectReference related,
    String reportingComponent,
    String reportingInstance)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Event";
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  @Override
  @JsonProperty("apiVersion")
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  @JsonProperty("kind")
  public String kind() {
    return KIND;
  }

  @Override
  public Event withMetadata(ObjectMeta value) {
    return new Event(
        value,
        involvedObject,
        reason,
        message,
        source,
        firstTimestamp,
        lastTimestamp,
        count,
        type,
        eventTime,
        series,
        action,
        related,
        reportingComponent,
        reportingInstance);
  }

  /** The same event seen once more: {@code count} + 1 and a new {@code lastTimestamp}. */
  public Event seenAgain(Instant at) {
    int next = (count == null ? 1 : count) + 1;
    return new Event(
        metadata,
        involvedObject,
        reason,
        message,
        source,
        firstTimestamp,
        at,
        next,
        type,
        eventTime,
        new EventSeries(next, at),
        action,
        related,
        reportingComponent,
        reportingInstance);
  }
}

package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.shoal.manifests.codec.MicroTime;
import java.time.Instant;

/**
 * The events.k8s.io/v1 view of a core/v1 {@link Event}: the same object under the field names of
 * the newer API, mapped as Kubernetes maps them ({@code involvedObject} is {@code regarding},
 * {@code message} is {@code note}, {@code reportingComponent} is {@code reportingController}, the
 * old counters are {@code deprecated...}). Shoal stores core/v1 Events only; this is a read view.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "metadata",
  "eventTime",
  "series",
  "reportingController",
  "reportingInstance",
  "action",
  "reason",
  "regarding",
  "related",
  "note",
  "type",
  "deprecatedSource",
  "deprecatedFirstTimestamp",
  "deprecatedLastTimestamp",
  "deprecatedCount"
})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record EventsV1Event(
    ObjectMeta metadata,
    @JsonSerialize(using = MicroTime.class) Instant eventTime,
    EventSeries series,
    String reportingController,
    String reportingInstance,
    String action,
    String reason,
    ObjectReference regarding,
    ObjectReference related,
    String note,
    String type,
    EventSource deprecatedSource,
    Instant deprecatedFirstTimestamp,
    Instant deprecatedLastTimestamp,
    Integer deprecatedCount)
    implements Resource {
  public static final String API_VERSION = "events.k8s.io/v1";
  public static final String KIND = "Event";

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
  public EventsV1Event withMetadata(ObjectMeta value) {
    return new EventsV1Event(
        value,
        eventTime,
        series,
        reportingController,
        reportingInstance,
        action,
        reason,
        regarding,
        related,
        note,
        type,
        deprecatedSource,
        deprecatedFirstTimestamp,
        deprecatedLastTimestamp,
        deprecatedCount);
  }

  /**
   * The view of a stored event. As upstream, {@code eventTime} falls back to {@code firstTimestamp}
   * (it is required in this API) and a one-off event has no series.
   */
  public static EventsV1Event of(Event e) {
    Instant eventTime = e.eventTime() != null ? e.eventTime() : e.firstTimestamp();
    EventSeries series =
        e.series() != null
            ? e.series()
            : e.count() != null && e.count() > 1
                ? new EventSeries(e.count(), e.lastTimestamp())
                : null;
    return new EventsV1Event(
        e.metadata(),
        eventTime,
        series,
        e.reportingComponent(),
        e.reportingInstance(),
        e.action(),
        e.reason(),
        e.involvedObject(),
        e.related(),
        e.message(),
        e.type(),
        e.source(),
        e.firstTimestamp(),
        e.lastTimestamp(),
        e.count());
  }
}

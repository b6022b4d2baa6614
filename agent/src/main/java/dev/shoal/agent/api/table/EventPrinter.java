package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSeries;
import dev.shoal.manifests.model.EventSource;
import dev.shoal.manifests.model.EventsV1Event;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code LAST SEEN TYPE REASON OBJECT MESSAGE}, wide also {@code SUBOBJECT SOURCE FIRST SEEN COUNT
 * NAME}; core/v1 Events and their events.k8s.io/v1 view print alike, as upstream.
 */
final class EventPrinter implements Printer<Resource> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.text(
              "Last Seen",
              "The time at which the most recent occurrence of this event was recorded."),
          Column.text(
              "Type",
              "Type of this event (Normal, Warning), new types could be added in the future"),
          Column.text(
              "Reason",
              "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
          Column.text("Object", "The object that this event is about."),
          Column.wide(
              "Subobject", "The subobject that this event is about, e.g. a container of a pod."),
          Column.wide("Source", "The component reporting this event."),
          Column.text("Message", "A human-readable description of the status of this operation."),
          Column.wide("First Seen", "The time at which the event was first recorded."),
          Column.wide("Count", "The number of times this event has occurred."),
          new Column("Name", "string", "name", "Name must be unique within a namespace.", 1));

  /** The fields both event views share, in core/v1's names. */
  private record Fields(
      String name,
      ObjectReference about,
      String reason,
      String message,
      EventSource source,
      Instant first,
      Instant last,
      Integer count,
      String type,
      Instant eventTime,
      EventSeries series,
      String reportingComponent,
      String reportingInstance) {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Resource object, Instant now) {
    Fields e = fields(object);
    String firstSeen =
        e.first() != null ? Ages.since(e.first(), now) : Ages.since(e.eventTime(), now);
    String lastSeen = e.last() != null ? Ages.since(e.last(), now) : firstSeen;
    long count = e.count() == null ? 0 : e.count();
    if (e.series() != null) {
      lastSeen = Ages.since(e.series().lastObservedTime(), now);
      count = e.series().count() == null ? 0 : e.series().count();
    } else if (count == 0) {
      count = 1; // a singleton event of the new API has no count
    }
    ObjectReference about =
        e.about() == null
            ? new ObjectReference(null, null, null, null, null, null, null)
            : e.about();
    String kind = Cells.orEmpty(about.kind()).toLowerCase(Locale.ROOT);
    String target =
        about.name() == null || about.name().isEmpty() ? kind : kind + "/" + about.name();
    return List.of(
        lastSeen,
        Cells.orEmpty(e.type()),
        Cells.orEmpty(e.reason()),
        target,
        Cells.orEmpty(about.fieldPath()),
        source(e),
        Cells.orEmpty(e.message()).strip(),
        firstSeen,
        count,
        Cells.orEmpty(e.name()));
  }

  private static String source(Fields e) {
    String component =
        firstNonEmpty(e.source() == null ? null : e.source().component(), e.reportingComponent());
    String instance =
        firstNonEmpty(e.source() == null ? null : e.source().host(), e.reportingInstance());
    if (component.isEmpty()) {
      return "";
    }
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b == null ? "" : b;
  }

  private static Fields fields(Resource object) {
    if (object instanceof EventsV1Event v) {
      return new Fields(
          v.metadata().name(),
          v.regarding(),
          v.reason(),
          v.note(),
          v.deprecatedSource(),
          v.deprecatedFirstTimestamp(),
          v.deprecatedLastTimestamp(),
          v.deprecatedCount(),
          v.type(),
          v.eventTime(),
          v.series(),
          v.reportingController(),
          v.reportingInstance());
    }
    Event e = (Event) object;
    return new Fields(
        e.metadata().name(),
        e.involvedObject(),
        e.reason(),
        e.message(),
        e.source(),
        e.firstTimestamp(),
        e.lastTimestamp(),
        e.count(),
        e.type(),
        e.eventTime(),
        e.series(),
        e.reportingComponent(),
        e.reportingInstance());
  }
}

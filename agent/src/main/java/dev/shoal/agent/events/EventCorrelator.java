package dev.shoal.agent.events;

import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSeries;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides what one new event becomes (pure but for its memory; the clock is the caller's), as
 * client-go's EventCorrelator does: the same (involvedObject, type, reason, message, source) seen
 * again is the same Event with {@code count} + 1 and a new {@code lastTimestamp}; a storm of one
 * reason about one object is cut to a burst, then one event per refill period. Thread-safe.
 */
public final class EventCorrelator {
  private static final int MAX_REMEMBERED = 4_096;

  private final SpamFilter spam;
  private final Duration ttl;
  private long lastStamp;
  private final Map<Key, Seen> seen =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  /**
   * What makes two events the same: about the same part of the same object, from the same source,
   * same words.
   */
  private record Key(
      String kind,
      String namespace,
      String name,
      String uid,
      String apiVersion,
      String fieldPath,
      String type,
      String reason,
      String message,
      String component,
      String host) {

    static Key of(Event e) {
      ObjectReference o = e.involvedObject();
      return new Key(
          o.kind(),
          o.namespace(),
          o.name(),
          o.uid(),
          o.apiVersion(),
          o.fieldPath(),
          e.type(),
          e.reason(),
          e.message(),
          e.source() == null ? null : e.source().component(),
          e.source() == null ? null : e.source().host());
    }

    String spamKey() {
      return String.join(
          "\u0000",
          String.valueOf(component),
          String.valueOf(host),
          String.valueOf(kind),
          String.valueOf(namespace),
          String.valueOf(name),
          String.valueOf(uid),
          String.valueOf(fieldPath),
          String.valueOf(type),
          String.valueOf(reason));
    }
  }

  private record Seen(String name, Instant first, Instant last, int count) {}

  /** What to do with an event. */
  public sealed interface Decision {
    /** Write this (new, or the earlier one counted once more). */
    record Write(Event event) implements Decision {}

    /** Write nothing: too many like it lately. */
    record Drop(String why) implements Decision {}
  }

  /**
   * @param ttl how long the store keeps an event: a repeat after that starts a new Event
   */
  public EventCorrelator(int burst, Duration refill, Duration ttl) {
    this.spam = new SpamFilter(burst, refill);
    this.ttl = ttl;
  }

  /** client-go's defaults: a burst of 25, then one every 5 minutes; an hour's memory. */
  public static EventCorrelator defaults() {
    return new EventCorrelator(
        SpamFilter.DEFAULT_BURST, SpamFilter.DEFAULT_REFILL, Duration.ofHours(1));
  }

  /**
   * {@code draft} names what happened (involvedObject, type, reason, message, source, reporting
   * fields) and lives in the namespace it is written to; name, times and count are filled in here.
   */
  public synchronized Decision correlate(Event draft, Instant now) {
    Key key = Key.of(draft);
    if (!spam.tryTake(key.spamKey(), now)) {
      return new Decision.Drop(
          "more than the burst of "
              + draft.reason()
              + " events about "
              + key.kind()
              + " "
              + key.namespace()
              + "/"
              + key.name()
              + " lately");
    }
    Seen before = seen.get(key);
    Seen now1 =
        before != null && before.last().plus(ttl).isAfter(now)
            ? new Seen(before.name(), before.first(), now, before.count() + 1)
            : new Seen(key.name() + "." + Long.toHexString(uniqueStamp(now)), now, now, 1);
    seen.put(key, now1);
    ObjectMeta meta = draft.metadata().withName(now1.name());
    return new Decision.Write(
        new Event(
            meta,
            draft.involvedObject(),
            draft.reason(),
            draft.message(),
            draft.source(),
            seconds(now1.first()),
            seconds(now),
            now1.count(),
            draft.type(),
            now1.first(),
            now1.count() > 1 ? new EventSeries(now1.count(), now) : null,
            draft.action(),
            draft.related(),
            draft.reportingComponent(),
            draft.reportingInstance()));
  }

  /**
   * Upstream names an event {@code <object>.<unix nanos>}; one more than the last keeps two of one
   * instant apart.
   */
  private long uniqueStamp(Instant now) {
    lastStamp = Math.max(now.getEpochSecond() * 1_000_000_000L + now.getNano(), lastStamp + 1);
    return lastStamp;
  }

  private static Instant seconds(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}

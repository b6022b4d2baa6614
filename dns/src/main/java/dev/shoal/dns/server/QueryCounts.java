package dev.shoal.dns.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * How the responder has answered so far, by outcome: plain counters a metrics exporter reads (the
 * dns module itself exports nothing). Cheap enough for every query: one {@link LongAdder} add.
 */
public final class QueryCounts {

  /** What became of one query. */
  public enum Outcome {
    /** Answered from the cluster zone with NOERROR (records or an empty answer). */
    ANSWERED,
    /** A cluster name that does not exist: NXDOMAIN. */
    NXDOMAIN,
    /** Sent on to an upstream resolver. */
    FORWARDED,
    /** Refused: a name outside the zone with no upstream, or a class other than IN. */
    REFUSED,
    /** Not implemented (zone transfers, MAILA/MAILB) or an unsupported EDNS version. */
    NOTIMP,
    /** A malformed message, answered with FORMERR (or another header-only error). */
    MALFORMED,
    /** Not answered at all: too short to carry an id, or a response sent to us. */
    DROPPED
  }

  private final LongAdder[] counts = new LongAdder[Outcome.values().length];

  public QueryCounts() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void add(Outcome outcome) {
    counts[outcome.ordinal()].increment();
  }

  /** Queries with this outcome since the responder started. */
  public long count(Outcome outcome) {
    return counts[outcome.ordinal()].sum();
  }
}

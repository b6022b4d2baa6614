package dev.shoal.agent.api;

import dev.shoal.agent.api.table.TableRequest;
import dev.shoal.agent.api.table.Tables;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The form of a read's answer: the objects as stored, or the Table the client's {@code Accept} asks
 * for first ({@code application/json;as=Table;v=v1;g=meta.k8s.io}, as kubectl sends), for a get, a
 * list and each event of a watch.
 */
final class Presentation {

  /** The Content-Type of a Table answer, as upstream sends it. */
  private static final String TABLE_TYPE = "application/json;as=Table;v=%s;g=meta.k8s.io";

  private final TableRequest table;
  private final Clock clock;

  private Presentation(TableRequest table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  /** What {@code ctx}'s request asks for; a 400 for a bad {@code includeObject}. */
  static Presentation of(RoutingContext ctx, Clock clock) {
    return new Presentation(tableRequest(ctx), clock);
  }

  static TableRequest tableRequest(RoutingContext ctx) {
    for (MediaRange range : MediaRange.parseAll(ctx.request().getHeader("Accept"))) {
      if (range.asksFor("Table", "meta.k8s.io") && TableRequest.servesVersion(range.version())) {
        try {
          return new TableRequest(
              "meta.k8s.io/" + range.version(),
              TableRequest.include(ctx.queryParams().get("includeObject")));
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest(e.getMessage());
        }
      }
      if (range.acceptsPlainJson()) {
        return null; // the client prefers the objects themselves
      }
    }
    return null;
  }

  boolean isTable() {
    return table != null;
  }

  String contentType() {
    return table == null
        ? "application/json"
        : String.format(TABLE_TYPE, table.apiVersion().substring("meta.k8s.io/".length()));
  }

  /** One object, or its one-row Table. */
  Object object(Resource object) {
    return table == null
        ? object
        : Tables.of(
            table,
            object.getClass(),
            List.of(object),
            object.metadata().resourceVersion(),
            true,
            clock.instant());
  }

  /** A list's body: the {@code <Kind>List}, or the Table of its items. */
  Object list(KindInfo kind, ClusterStore.Listing listing, Predicate<Resource> filter) {
    if (table == null) {
      return ResourceHandlers.listBody(kind, listing, filter);
    }
    return Tables.of(
        table,
        kind.type(),
        listing.items().stream().filter(filter).toList(),
        Long.toString(listing.version()),
        true,
        clock.instant());
  }

  /**
   * How a watch writes each event's object: as it is, or as a one-row Table, the first with the
   * column definitions and the others without, as upstream.
   */
  Function<Resource, Object> watchEvents(KindInfo kind) {
    if (table == null) {
      return object -> object;
    }
    java.util.concurrent.atomic.AtomicBoolean first =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    return object -> {
      boolean headers = first.getAndSet(false);
      return Tables.of(
          table,
          kind.type(),
          List.of(object),
          object.metadata().resourceVersion(),
          headers,
          clock.instant());
    };
  }
}

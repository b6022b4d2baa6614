package dev.shoal.agent.api;

import dev.shoal.agent.auth.Caller;
import dev.shoal.agent.auth.Verb;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The REST verbs on every kind, dispatched from a parsed {@link ApiPath}: create, get, list (with
 * selectors), watch, replace, patch ({@link PatchHandler}), delete, and the {@code status}, {@code
 * scale} ({@link ScaleSubresource}) and {@code log} subresources, and a pod's {@code eviction}
 * ({@link PodEviction}).
 */
final class ResourceHandlers {

  private static final Set<String> STATUS_KINDS =
      Set.of(
          "Pod",
          "ReplicaSet",
          "Deployment",
          "DaemonSet",
          "StatefulSet",
          "PersistentVolumeClaim",
          "PersistentVolume",
          "Service",
          "Node",
          "Namespace",
          "Job",
          "CronJob",
          "PodDisruptionBudget",
          "HorizontalPodAutoscaler");

  /** Whether {@code kind} has a {@code status} subresource (discovery lists it for these). */
  static boolean servesStatus(String kind) {
    return STATUS_KINDS.contains(kind);
  }

  private final Vertx vertx;
  private final ResourceService service;
  private final PodLogHandler logs;
  private final ApiAccess access;
  private final Timer timer;
  private final PatchHandler patches;
  private final ScaleSubresource scale;
  private final PodEviction evictions;
  private PodStreamHandler streams;

  /** {@code timer} ends watches at their {@code timeoutSeconds}. */
  ResourceHandlers(
      Vertx vertx, ResourceService service, PodLogHandler logs, ApiAccess access, Timer timer) {
    this.vertx = vertx;
    this.timer = timer;
    this.service = service;
    this.logs = logs;
    this.access = access;
    this.patches = new PatchHandler(service);
    this.scale = new ScaleSubresource(service);
    this.evictions = new PodEviction(service, Clock.systemUTC());
  }

  /** Serves the pods' {@code exec} and {@code attach} subresources with {@code handler}. */
  ResourceHandlers withStreams(PodStreamHandler handler) {
    this.streams = handler;
    return this;
  }

  /** Whether the kind has a {@code status} subresource. */
  static boolean hasStatus(KindInfo kind) {
    return STATUS_KINDS.contains(kind.kind());
  }

  void handle(RoutingContext ctx) {
    ApiPath path = ApiPath.of(ctx).orElse(null);
    if (path == null) {
      Replies.json(
          ctx,
          404,
          new Status(
              Status.FAILURE,
              "the server could not find the requested resource " + ctx.request().path(),
              "NotFound",
              null,
              404));
      return;
    }
    try {
      Authentication.authorize(ctx, verbOf(ctx, path), path.kind(), path.namespace());
      dispatch(ctx, path);
    } catch (RuntimeException e) {
      Replies.fail(ctx, e);
    }
  }

  private void dispatch(RoutingContext ctx, ApiPath path) {
    HttpMethod method = ctx.request().method();
    if (EventViews.serves(path.kind()) && method != HttpMethod.GET) {
      throw EventViews.readOnly(path.kind()); // before reading a body it would not use
    }
    if (path.isCollection()) {
      if (method == HttpMethod.GET) {
        list(ctx, path);
      } else if (method == HttpMethod.POST) {
        create(ctx, path);
      } else {
        notAllowed(ctx);
      }
      return;
    }
    String sub = path.subresource();
    if (sub == null) {
      switch (method.name()) {
        case "GET" -> get(ctx, path);
        case "PUT" -> replace(ctx, path, false);
        case "PATCH" -> patches.handle(ctx, path, false);
        case "DELETE" -> delete(ctx, path);
        default -> notAllowed(ctx);
      }
    } else if (sub.equals("status") && STATUS_KINDS.contains(path.kind().kind())) {
      switch (method.name()) {
        case "GET" -> reply(ctx, 200, service.get(path));
        case "PUT" -> replace(ctx, path, true);
        case "PATCH" -> patches.handle(ctx, path, true);
        default -> notAllowed(ctx);
      }
    } else if (sub.equals("scale") && Scalable.serves(path.kind().kind())) {
      scale.handle(ctx, path);
    } else if (sub.equals("log")
        && path.kind().kind().equals(Pod.KIND)
        && method == HttpMethod.GET) {
      logs.handle(ctx, path);
    } else if (sub.equals("eviction") && path.kind().kind().equals(Pod.KIND)) {
      if (method == HttpMethod.POST) {
        evictions.handle(ctx, path);
      } else {
        notAllowed(ctx);
      }
    } else if (streams != null
        && PodStreamHandler.serves(sub)
        && path.kind().kind().equals(Pod.KIND)) {
      streams.handle(ctx, path);
    } else {
      Replies.json(
          ctx,
          404,
          new Status(
              Status.FAILURE,
              path.kind().plural() + " have no subresource \"" + sub + "\"",
              "NotFound",
              null,
              404));
    }
  }

  /**
   * The RBAC verb of a request; a subresource counts as its object (reading a pod's log is reading
   * the pod).
   */
  private static Verb verbOf(RoutingContext ctx, ApiPath path) {
    return switch (ctx.request().method().name()) {
      case "GET" -> !path.isCollection() ? Verb.GET : isWatch(ctx) ? Verb.WATCH : Verb.LIST;
      case "POST" -> Verb.CREATE;
      case "PUT" -> Verb.UPDATE;
      case "PATCH" -> Verb.PATCH;
      case "DELETE" -> Verb.DELETE;
      default -> Verb.GET;
    };
  }

  static boolean isWatch(RoutingContext ctx) {
    String watch = ctx.queryParams().get("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  private void get(RoutingContext ctx, ApiPath path) {
    Presentation form = Presentation.of(ctx, Clock.systemUTC());
    service
        .get(path)
        .onComplete(
            done -> {
              if (done.failed()) {
                Replies.fail(ctx, done.cause());
              } else {
                Replies.json(ctx, 200, form.object(done.result()), form.contentType());
              }
            });
  }

  private void create(RoutingContext ctx, ApiPath path) {
    WriteOptions options = WriteOptions.of(ctx);
    Decoded.Ok decoded = Bodies.single(ctx);
    options.admitFields(ctx, path.kind(), decoded.warnings());
    if (options.dryRun()) {
      reply(ctx, 201, service.dryRunCreate(path, decoded.resource()));
      return;
    }
    if (decoded.resource() instanceof ApiToken token) {
      reply(ctx, 201, TokenIssuer.create(service, path, token));
      return;
    }
    reply(ctx, 201, service.create(path, decoded.resource()));
  }

  private void replace(RoutingContext ctx, ApiPath path, boolean statusOnly) {
    WriteOptions options = WriteOptions.of(ctx);
    Decoded.Ok decoded = Bodies.single(ctx);
    options.admitFields(ctx, path.kind(), decoded.warnings());
    reply(
        ctx,
        200,
        options.dryRun()
            ? service.dryRunReplace(path, decoded.resource(), statusOnly)
            : service.replace(path, decoded.resource(), statusOnly));
  }

  private void delete(RoutingContext ctx, ApiPath path) {
    DeleteOptions options = DeleteOptions.of(ctx);
    if (options.propagation() == null && path.kind().kind().equals(Job.KIND)) {
      ctx.response()
          .headers()
          .add(
              "Warning",
              "299 - \"child pods are preserved by default when jobs are deleted; set"
                  + " propagationPolicy=Background to remove them or set"
                  + " propagationPolicy=Orphan to suppress this warning\"");
    }
    reply(ctx, 200, service.deleteWith(path, options));
  }

  private void list(RoutingContext ctx, ApiPath path) {
    Predicate<Resource> filter =
        ListFilter.of(
            path.kind(),
            ctx.queryParams().get("labelSelector"),
            ctx.queryParams().get("fieldSelector"));
    Presentation form = Presentation.of(ctx, Clock.systemUTC());
    if (isWatch(ctx)) {
      watch(ctx, path, filter, form);
      return;
    }
    service
        .list(path)
        .onComplete(
            done -> {
              if (done.failed()) {
                Replies.fail(ctx, done.cause());
                return;
              }
              Replies.json(
                  ctx, 200, form.list(path.kind(), done.result(), filter), form.contentType());
            });
  }

  private void watch(
      RoutingContext ctx, ApiPath path, Predicate<Resource> filter, Presentation form) {
    String from = ctx.queryParams().get("resourceVersion");
    long timeout = longParam(ctx, "timeoutSeconds", 0);
    // Parsed before a watch slot is taken: a refusal after it would keep the slot for good.
    Long since = from != null && !from.isEmpty() && !from.equals("0") ? parseVersion(from) : null;
    Caller caller = Authentication.caller(ctx);
    if (!access.watches().tryOpen(caller.tokenName())) {
      throw new ApiError(
          new Status(
              Status.FAILURE,
              "token \""
                  + caller.tokenName()
                  + "\" already has "
                  + access.watches().limit()
                  + " watches open",
              "TooManyRequests",
              null,
              429));
    }
    WatchStream stream = new WatchStream(timer, ctx.response(), filter);
    stream.rendering(form.watchEvents(path.kind()));
    Runnable unregister =
        access.tokens().onRevoked(caller.tokenName(), () -> vertx.runOnContext(v -> stream.end()));
    stream.whenClosed(
        () -> {
          unregister.run();
          access.watches().closed(caller.tokenName());
        });
    WatchStream.Source source = (version, sink) -> service.watch(path, version, sink);
    if (since != null) {
      stream.start(source, List.of(), since, timeout);
      return;
    }
    // No version: the current objects as ADDED, then every change after the list.
    service
        .list(path)
        .compose(
            listing ->
                stream.start(
                    source,
                    listing.items().stream().filter(filter).toList(),
                    listing.version(),
                    timeout))
        .onFailure(
            failure -> {
              Replies.fail(ctx, failure);
              stream.end();
            });
  }

  static Map<String, Object> listBody(
      KindInfo kind, ClusterStore.Listing listing, Predicate<Resource> filter) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind.kind() + "List");
    body.put("apiVersion", kind.apiVersion());
    body.put("metadata", Map.of("resourceVersion", Long.toString(listing.version())));
    body.put("items", listing.items().stream().filter(filter).toList());
    return body;
  }

  private static void reply(RoutingContext ctx, int code, Future<?> result) {
    result.onComplete(
        done -> {
          if (done.succeeded()) {
            Replies.json(ctx, code, done.result());
          } else {
            Replies.fail(ctx, done.cause());
          }
        });
  }

  private static void notAllowed(RoutingContext ctx) {
    Replies.json(ctx, 405, Status.methodNotAllowed(ctx.request().method().name()));
  }

  private static long longParam(RoutingContext ctx, String name, long fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw ApiError.badRequest(name + " must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number, not \"" + value + "\"");
    }
  }

  private static long parseVersion(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("resourceVersion must be a number, not \"" + value + "\"");
    }
  }
}

package dev.shoal.agent.api;

import dev.shoal.agent.auth.AccessRules;
import dev.shoal.agent.auth.Caller;
import dev.shoal.agent.auth.Verb;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * The first handler on every path but the open ones: a valid bearer token or a 401 (the same answer
 * for a missing, malformed, unknown or revoked token), then the token's rate limit or a 429. The
 * caller is kept on the routing context for the authorization checks of the handlers after it.
 */
final class Authentication implements Handler<RoutingContext> {

  /**
   * Paths anyone may call: health probes, and the CA certificate clients need to verify this
   * server.
   */
  static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz", "/ca.crt");

  private static final String CALLER = "shoal.caller";
  private static final String BEARER = "Bearer ";

  private final ApiAccess access;

  Authentication(ApiAccess access) {
    this.access = access;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (OPEN_PATHS.contains(ctx.request().path()) || ctx.request().path().equals(JoinPaths.JOIN)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    Optional<Caller> caller =
        header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? access.tokens().authenticate(header.substring(BEARER.length()).trim())
            : Optional.empty();
    if (caller.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"shoal\"");
      Replies.json(ctx, 401, new Status(Status.FAILURE, "Unauthorized", "Unauthorized", null, 401));
      return;
    }
    if (!access.rate().tryAcquire(caller.get().tokenName())) {
      ctx.response().putHeader("Retry-After", Long.toString(access.rate().retryAfterSeconds()));
      Replies.json(
          ctx,
          429,
          new Status(
              Status.FAILURE,
              "too many requests for token \"" + caller.get().tokenName() + "\", try again later",
              "TooManyRequests",
              null,
              429));
      return;
    }
    ctx.put(CALLER, caller.get());
    ctx.next();
  }

  static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller on " + ctx.request().path());
    }
    return caller;
  }

  /**
   * Refuses with 403 when the request's token may not do {@code verb} on {@code kind} in {@code
   * namespace}.
   */
  static void authorize(RoutingContext ctx, Verb verb, KindInfo kind, String namespace) {
    AccessRules.denies(caller(ctx), verb, kind, namespace)
        .ifPresent(
            why -> {
              throw new ApiError(new Status(Status.FAILURE, why, "Forbidden", null, 403));
            });
  }
}

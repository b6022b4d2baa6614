package dev.shoal.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Status;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers, and turns failures into Kubernetes Status answers. */
final class Replies {

  private Replies() {}

  static void json(RoutingContext ctx, int code, Object body) {
    json(ctx, code, body, "application/json");
  }

  /** JSON under another Content-Type, e.g. a Table's {@code application/json;as=Table;...}. */
  static void json(RoutingContext ctx, int code, Object body, String contentType) {
    if (ctx.response().ended()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      fail(ctx, e);
      return;
    }
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", contentType)
        .end(Buffer.buffer(bytes));
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    Status status = Errors.statusOf(failure);
    json(ctx, status.code() == null ? 500 : status.code(), status);
  }
}

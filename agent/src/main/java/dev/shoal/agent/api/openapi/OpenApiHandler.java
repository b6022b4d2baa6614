package dev.shoal.agent.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Status;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /openapi/v3} and {@code GET /openapi/v3/<group-version>}. A request that names the
 * current hash may be cached for good, as upstream allows; any other is revalidated.
 */
public final class OpenApiHandler {
  public static final String PREFIX = "/openapi/v3";

  private final OpenApiDocuments documents;

  public OpenApiHandler(OpenApiDocuments documents) {
    this.documents = documents;
  }

  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
      send(ctx, documents.index(), "no-cache, private");
      return;
    }
    String key = path.substring(PREFIX.length() + 1);
    Optional<byte[]> document = documents.document(key);
    if (document.isEmpty()) {
      notFound(ctx, path);
      return;
    }
    String asked = ctx.queryParams().get("hash");
    boolean current = asked != null && asked.equals(documents.hash(key).orElse(null));
    send(
        ctx, document.get(), current ? "public, immutable, max-age=31536000" : "no-cache, private");
  }

  private static void send(RoutingContext ctx, byte[] body, String cacheControl) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", cacheControl)
        .end(Buffer.buffer(body));
  }

  private static void notFound(RoutingContext ctx, String path) {
    Status status =
        new Status(
            Status.FAILURE,
            "the server could not find the requested resource " + path,
            "NotFound",
            null,
            404);
    try {
      ctx.response()
          .setStatusCode(404)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(Json.mapper().writeValueAsBytes(status)));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}

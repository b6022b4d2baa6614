package dev.shoal.agent.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Status;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder already refused (a request line or headers over the limits, a
 * malformed request) with a Kubernetes Status like every other refusal, then closes the connection
 * as Vert.x does.
 */
final class InvalidRequests {

  private InvalidRequests() {}

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Status status;
    if (cause instanceof TooLongHttpLineException) {
      status =
          new Status(
              Status.FAILURE,
              "the request line (URL and query) is too long",
              "RequestURITooLong",
              null,
              414);
    } else if (cause instanceof TooLongHttpHeaderException) {
      status =
          new Status(
              Status.FAILURE,
              "the request headers are too large",
              "RequestHeaderFieldsTooLarge",
              null,
              431);
    } else {
      status = Status.badRequest("malformed HTTP request");
    }
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(status);
    } catch (JsonProcessingException e) {
      body = new byte[0];
    }
    request
        .response()
        .setStatusCode(status.code())
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(body))
        .onComplete(ignored -> request.connection().close());
  }
}

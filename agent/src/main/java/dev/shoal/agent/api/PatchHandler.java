package dev.shoal.agent.api;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.Warning;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusDetails;
import dev.shoal.manifests.patch.PatchException;
import dev.shoal.manifests.patch.PatchType;
import dev.shoal.manifests.patch.Patches;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * {@code PATCH} of an object or its status: JSON patch, merge patch or strategic merge patch,
 * applied to the stored object in a read-modify-write (retried on conflicts), the result decoded,
 * defaulted and validated like a PUT body, with {@code fieldValidation} and {@code dryRun}.
 */
final class PatchHandler {
  private final ResourceService service;

  PatchHandler(ResourceService service) {
    this.service = service;
  }

  void handle(RoutingContext ctx, ApiPath path, boolean statusOnly) {
    WriteOptions options = WriteOptions.of(ctx);
    PatchType type = Bodies.patchType(ctx);
    byte[] body = Bodies.patchBody(ctx);
    // The warnings of the attempt that is kept (a conflict retries the change on a newer object),
    // sent once at the end.
    AtomicReference<List<Warning>> unknown = new AtomicReference<>(List.of());
    UnaryOperator<Resource> change =
        stored -> {
          Decoded.Ok patched = Bodies.ok(patched(stored, type, body));
          options.refuseIfStrict(path.kind(), patched.warnings());
          unknown.set(patched.warnings());
          return patched.resource();
        };
    Future<Resource> result =
        options.dryRun()
            ? service.dryRunModify(path, statusOnly, change)
            : service.modify(path, statusOnly, change);
    result.onComplete(
        done -> {
          if (done.failed()) {
            Replies.fail(ctx, done.cause());
            return;
          }
          options.warnIfAsked(ctx, unknown.get());
          Replies.json(ctx, 200, done.result());
        });
  }

  private static Decoded patched(Resource stored, PatchType type, byte[] body) {
    try {
      return Patches.apply(stored, type, body);
    } catch (PatchException e) {
      int code = e.malformed() ? 400 : 422;
      throw new ApiError(
          new Status(
              Status.FAILURE,
              "the patch could not be applied: " + e,
              code == 400 ? "BadRequest" : "Invalid",
              new StatusDetails(
                  stored.metadata().name(),
                  null,
                  null,
                  List.of(FieldError.invalid(e.field(), e.getMessage()).toCause()),
                  null),
              code));
    }
  }
}

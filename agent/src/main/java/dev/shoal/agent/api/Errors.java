package dev.shoal.agent.api;

import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.StoreUnavailableException;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure of a request into the Kubernetes Status the client gets. */
final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  static Status statusOf(Throwable failure) {
    if (failure instanceof ApiError api) {
      return api.status();
    }
    if (failure instanceof StoreException store) {
      return storeStatus(store);
    }
    if (failure instanceof StoreUnavailableException unavailable) {
      return Status.serviceUnavailable(unavailable.getMessage());
    }
    LOG.error("request failed on the server side", failure);
    return Status.internalError("internal error: " + failure);
  }

  private static Status storeStatus(StoreException e) {
    ObjectKey key = e.key();
    KindInfo kind = key == null ? null : ResourceKinds.byKind(key.kind()).orElse(null);
    String group = kind == null ? "" : kind.group();
    String plural = kind == null ? "" : kind.plural();
    String name = key == null ? "" : key.name();
    return switch (e.reason()) {
      case NOT_FOUND -> Status.notFound(group, plural, name);
      case ALREADY_EXISTS -> Status.alreadyExists(group, plural, name);
      case CONFLICT ->
          new Status(
              Status.FAILURE,
              e.getMessage(),
              "Conflict",
              new StatusDetails(name, group, plural, null, null),
              409);
      case GONE -> new Status(Status.FAILURE, e.getMessage(), "Expired", null, 410);
      case FENCED -> new Status(Status.FAILURE, e.getMessage(), "Forbidden", null, 403);
    };
  }
}

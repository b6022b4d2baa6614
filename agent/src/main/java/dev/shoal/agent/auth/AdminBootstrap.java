package dev.shoal.agent.auth;

import dev.shoal.agent.config.PrivateFiles;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first node of a new cluster makes the admin token: it writes the token to {@code admin.token}
 * in its data dir (mode 0600) and stores only the hash. Every node tries at start; the store lets
 * exactly one create succeed, and only that node writes the file. Later starts find the token and
 * do nothing.
 */
public final class AdminBootstrap {

  public static final String TOKEN_NAME = "cluster-admin";
  public static final String FILE_NAME = "admin.token";

  private AdminBootstrap() {}

  /** The file written, or empty when the cluster already had its admin token. */
  public static Future<Optional<Path>> ensure(Vertx vertx, ClusterStore store, Path dataDir) {
    BearerTokens.Issued issued = BearerTokens.issue(TOKEN_NAME);
    Path file = dataDir.resolve(FILE_NAME);
    ApiToken token =
        new ApiToken(
            ObjectMeta.named(null, TOKEN_NAME),
            new ApiTokenSpec(ApiTokenSpec.ADMIN, null, issued.hash()),
            null);
    // The store decides which node made the token; only that node writes the file. Should writing
    // it
    // fail, the token goes again, so the next start makes a new one instead of leaving an admin no
    // one has.
    return store
        .create(token)
        .compose(
            created ->
                vertx
                    .executeBlocking(
                        () -> {
                          PrivateFiles.write(file, issued.token());
                          return Optional.of(file);
                        })
                    .recover(
                        unwritten ->
                            store
                                .delete(ObjectKey.of(created))
                                .transform(ignored -> Future.failedFuture(unwritten))),
            failure ->
                alreadyThere(failure)
                    ? Future.succeededFuture(Optional.<Path>empty())
                    : Future.failedFuture(failure));
  }

  private static boolean alreadyThere(Throwable failure) {
    return failure instanceof StoreException s
        && s.reason() == StoreException.Reason.ALREADY_EXISTS;
  }
}

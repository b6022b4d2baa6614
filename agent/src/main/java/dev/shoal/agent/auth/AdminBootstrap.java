package dev.shoal.agent.auth;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The first node of a new cluster makes the admin token: it writes the token to {@code admin.token} in
 * its data dir (mode 0600) and stores only the hash. Every node tries at start; the store lets exactly
 * one create succeed, and only that node writes the file. Later starts find the token and do nothing.
 */
public final class AdminBootstrap {

  public static final String TOKEN_NAME = "cluster-admin";
  public static final String FILE_NAME = "admin.token";

  private AdminBootstrap() {}

  /** The file written, or empty when the cluster already had its admin token. */
  public static Future<Optional<Path>> ensure(Vertx vertx, ClusterStore store, Path dataDir) {
    BearerTokens.Issued issued = BearerTokens.issue(TOKEN_NAME);
    Path file = dataDir.resolve(FILE_NAME);
    Path pending = dataDir.resolve(FILE_NAME + ".new");
    ApiToken token = new ApiToken(ObjectMeta.named(null, TOKEN_NAME),
        new ApiTokenSpec(ApiTokenSpec.ADMIN, null, issued.hash()), null);
    // Written aside first, so a token that lands in the store always has its file.
    return vertx.executeBlocking(() -> writePrivate(pending, issued.token()))
        .compose(written -> store.create(token))
        .compose(created -> vertx.executeBlocking(() -> {
          Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return Optional.of(file);
        }), failure -> vertx.executeBlocking(() -> Files.deleteIfExists(pending)).compose(ignored ->
            alreadyThere(failure) ? Future.succeededFuture(Optional.<Path>empty()) : Future.failedFuture(failure)));
  }

  private static boolean alreadyThere(Throwable failure) {
    return failure instanceof StoreException s && s.reason() == StoreException.Reason.ALREADY_EXISTS;
  }

  /** Creates {@code path} readable by its owner only, before any byte of the secret is in it. */
  static Path writePrivate(Path path, String text) throws IOException {
    Files.createDirectories(path.getParent());
    Files.deleteIfExists(path);
    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(path, text + "\n", StandardCharsets.UTF_8);
    return path;
  }
}

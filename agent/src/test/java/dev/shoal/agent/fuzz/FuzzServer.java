package dev.shoal.agent.fuzz;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.api.ApiAccess;
import dev.shoal.agent.api.ApiServer;
import dev.shoal.agent.api.ResourceService;
import dev.shoal.agent.auth.BearerTokens;
import dev.shoal.agent.auth.TokenRegistry;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's API server on a free loopback port over an in-memory store, as a node runs it
 * (default body limit, default watch limit per token; no practical request rate limit, the fuzz run
 * is not about 429s), with an admin token and a {@link Sender} that uses it. Namespaces {@code
 * default} and {@link CaseMix#OTHER_NAMESPACE} exist.
 */
final class FuzzServer implements AutoCloseable {

  static final int WATCHES_PER_TOKEN = 100;

  final Vertx vertx = Vertx.vertx();
  final InMemoryStore store = new InMemoryStore();
  final Sender sender;
  private final ApiServer server;

  FuzzServer(Path dataDir) throws Exception {
    AgentConfig config =
        ConfigLoader.load(
            List.of("--node-name", "node-a", "--data-dir", dataDir.toString(), "--api-port", "0"),
            Map.of());
    TokenRegistry tokens = new TokenRegistry();
    server =
        new ApiServer(
            vertx,
            config,
            new ResourceService(store, new Admission(), Clock.systemUTC()),
            dev.shoal.agent.api.PodLogs.text((pod, container) -> "log"),
            () -> true,
            ApiAccess.of(tokens, 1_000_000, WATCHES_PER_TOKEN),
            null);
    await(store.create(new Namespace(ObjectMeta.named(null, "default"), null, null)));
    await(store.create(new Namespace(ObjectMeta.named(null, CaseMix.OTHER_NAMESPACE), null, null)));
    BearerTokens.Issued admin = BearerTokens.issue("fuzz-admin");
    await(
        store.create(
            new ApiToken(
                ObjectMeta.named(null, "fuzz-admin"),
                new ApiTokenSpec(ApiTokenSpec.ADMIN, null, admin.hash()),
                null)));
    await(tokens.start(store));
    await(server.start());
    sender = new Sender(vertx, server.port(), admin.token());
  }

  List<Resource> objectsOf(KindInfo kind) {
    return store.list(kind.kind(), null).result().items();
  }

  /** Objects of every kind the run writes. */
  int objectCount() {
    return Seeds.KINDS.stream().mapToInt(kind -> objectsOf(kind).size()).sum();
  }

  /** The store's version: any write moves it. */
  long version() {
    return store.currentVersion().result();
  }

  @Override
  public void close() throws Exception {
    await(sender.close());
    await(server.stop());
    await(vertx.close());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

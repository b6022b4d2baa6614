package dev.shoal.agent.join;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.Retry;
import dev.shoal.agent.control.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The joiner's side of the handshake: asks every seed's API to admit this node, and admits each
 * seed that proves it knows the secret too. Seeds that do not answer yet (a cluster whose nodes all
 * start at once) are asked again every half second for a while, on the injected {@link Timer}. The
 * server certificate is not checked here (a new node has no CA yet); the seed's proof is what
 * authenticates it, and a relay learns nothing it could use (the joiner's proof is bound to the
 * joiner's own address).
 */
public final class JoinClient {

  private static final Logger LOG = LoggerFactory.getLogger(JoinClient.class);
  private static final Backoff RETRY = Backoff.fixed(Duration.ofMillis(500));

  /** A seed answered 403: this node's join secret is not the cluster's. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String seed) {
      super(
          "seed "
              + seed
              + " refused this node's join secret: start it with the cluster's join secret"
              + " (SHOAL_JOIN_SECRET or --join-secret-file)",
          null,
          false,
          false);
    }
  }

  private final Timer timer;
  private final JoinProof proof;
  private final String nodeName;
  private final String ownAddress;
  private final int apiPort;
  private final HttpClient http;

  /** {@code timer}: the proofs' times, the patience and the pauses between asks. */
  public JoinClient(
      Vertx vertx,
      Timer timer,
      JoinProof proof,
      String nodeName,
      String ownAddress,
      int apiPort,
      boolean tls) {
    this.timer = timer;
    this.proof = proof;
    this.nodeName = nodeName;
    this.ownAddress = ownAddress;
    this.apiPort = apiPort;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(tls)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setLocalAddress(ownAddress)
                .setConnectTimeout(2000)
                .setIdleTimeout(5));
  }

  /**
   * Completes once one seed admitted this node (later admissions keep coming in through {@code
   * admitted}), or when none did within {@code patience}: then this node starts a cluster of its
   * own, which the others join. Fails at once if a seed refuses the secret.
   */
  public Future<Void> join(List<String> seeds, Duration patience, Consumer<String> admitted) {
    List<String> others =
        seeds.stream().filter(seed -> !seed.equals(ownAddress)).distinct().toList();
    Promise<Void> done = Promise.promise();
    if (others.isEmpty()) {
      return Future.succeededFuture();
    }
    Instant deadline = timer.clock().instant().plus(patience);
    AtomicInteger unanswered = new AtomicInteger(others.size());
    for (String seed : others) {
      ask(seed, deadline, new Retry(RETRY))
          .onComplete(
              result -> {
                if (result.succeeded() && result.result()) {
                  admitted.accept(seed);
                  done.tryComplete();
                } else if (result.failed()) {
                  done.tryFail(result.cause());
                }
                if (unanswered.decrementAndGet() == 0) {
                  if (done.tryComplete()) {
                    LOG.info(
                        "no seed of {} answered within {} s: this node starts the cluster",
                        others,
                        patience.toSeconds());
                  }
                }
              });
    }
    return done.future();
  }

  /**
   * True when the seed admitted this node and proved itself; false when it never answered in time.
   */
  private Future<Boolean> ask(String seed, Instant deadline, Retry retry) {
    String nonce = JoinProof.nonce();
    long now = timer.clock().instant().getEpochSecond();
    JsonObject request =
        new JsonObject()
            .put("node", nodeName)
            .put("address", ownAddress)
            .put("nonce", nonce)
            .put("time", now)
            .put("proof", proof.request(nodeName, ownAddress, nonce, now));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(seed)
            .setPort(apiPort)
            .setURI("/cluster/join")
            .setIdleTimeout(5000)
            .putHeader("Content-Type", "application/json");
    return http.request(options)
        .compose(sent -> sent.send(request.toBuffer()))
        .compose(
            response ->
                response.body().map(bytes -> new Answer(response.statusCode(), bytes.toString())))
        .compose(
            response -> {
              if (response.code() == 403) {
                return Future.failedFuture(new RefusedException(seed));
              }
              JsonObject body = response.code() == 200 ? parse(response.body()) : null;
              if (body == null || !proof.validAnswer(nonce, seed, body.getString("proof"))) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "seed "
                            + seed
                            + " answered HTTP "
                            + response.code()
                            + " without a valid proof"));
              }
              LOG.info("seed {} admitted this node and proved it knows the join secret", seed);
              return Future.succeededFuture(true);
            })
        .recover(
            failure -> {
              if (failure instanceof RefusedException) {
                return Future.failedFuture(failure);
              }
              if (timer.clock().instant().isAfter(deadline)) {
                LOG.info("seed {} did not admit this node: {}", seed, failure.getMessage());
                return Future.succeededFuture(false);
              }
              return timer.after(retry.failed()).compose(v -> ask(seed, deadline, retry));
            });
  }

  private record Answer(int code, String body) {}

  private static JsonObject parse(String body) {
    try {
      return new JsonObject(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public void close() {
    http.close();
  }
}

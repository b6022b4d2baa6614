package dev.shoal.agent.join;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's side of the handshake, {@code POST /cluster/join}: a joiner with a valid proof for the
 * address it connects from is admitted (its address goes through this node's firewall) and gets
 * this node's proof back; anything else gets a 403 that says only "refused".
 */
public final class JoinHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JoinHandler.class);

  private final JoinProof proof;
  private final Consumer<String> admit;
  private final Clock clock;

  public JoinHandler(JoinProof proof, Consumer<String> admit, Clock clock) {
    this.proof = proof;
    this.admit = admit;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String from = ctx.request().remoteAddress().hostAddress();
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("time") instanceof Number)) {
      refuse(ctx, from, "malformed request");
      return;
    }
    String node = body.getString("node", "");
    String address = body.getString("address", "");
    String nonce = body.getString("nonce", "");
    if (!address.equals(from)) {
      refuse(ctx, from, "it claims address " + address);
      return;
    }
    if (!proof.validRequest(
        node, address, nonce, body.getLong("time"), body.getString("proof"), clock.instant())) {
      refuse(ctx, from, "wrong join secret or stale request");
      return;
    }
    admit.accept(from);
    LOG.info("admitted {} ({}) as a cluster member", node, from);
    String local = ctx.request().localAddress().hostAddress();
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("address", local)
                .put("proof", proof.answer(nonce, local))
                .encode());
  }

  private static void refuse(RoutingContext ctx, String from, String why) {
    LOG.warn("refused a join request from {}: {}", from, why);
    ctx.response()
        .setStatusCode(403)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", "join refused")
                .put("reason", "Forbidden")
                .put("code", 403)
                .encode());
  }
}

package dev.shoal.agent.api;

import dev.shoal.agent.auth.Verb;
import dev.shoal.agent.network.PolicyState;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.policy.PolicyEvaluator;
import dev.shoal.overlay.policy.PolicyInputs;
import dev.shoal.overlay.policy.PolicyPod;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /explain/networkpolicy?from=<ns>/<pod>&to=<ns>/<pod>&port=<number or name>
 * [&protocol=TCP]}: which policies select the source for egress and the destination for ingress,
 * which of them allow the connection, and the verdict, judged from the store as every node judges
 * it (named ports resolved against the destination pod). The caller must be allowed to list pods
 * and NetworkPolicies in both namespaces.
 */
final class PolicyExplainHandler {

  static final String PATH = "/explain/networkpolicy";

  private final ResourceService service;

  PolicyExplainHandler(ResourceService service) {
    this.service = service;
  }

  void handle(RoutingContext ctx) {
    try {
      String[] from = podParam(ctx, "from");
      String[] to = podParam(ctx, "to");
      String port = required(ctx, "port");
      String protoText = ctx.request().getParam("protocol");
      Protocol proto =
          Protocol.parse(protoText)
              .orElseThrow(
                  () -> ApiError.badField("protocol", "protocol must be TCP, UDP or SCTP"));
      for (String ns : List.of(from[0], to[0])) {
        Authentication.authorize(ctx, Verb.LIST, ResourceKinds.POD, ns);
        Authentication.authorize(ctx, Verb.LIST, ResourceKinds.NETWORK_POLICY, ns);
      }
      Future<ClusterStore.Listing> ns = list(ResourceKinds.NAMESPACE);
      Future<ClusterStore.Listing> pods = list(ResourceKinds.POD);
      Future<ClusterStore.Listing> nps = list(ResourceKinds.NETWORK_POLICY);
      Future.all(ns, pods, nps)
          .map(
              all ->
                  explain(
                      PolicyState.inputs(
                          ns.result().items(),
                          pods.result().items(),
                          nps.result().items(),
                          List.of()),
                      from,
                      to,
                      port,
                      proto))
          .onSuccess(body -> Replies.json(ctx, 200, body))
          .onFailure(e -> fail(ctx, e));
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  private static Map<String, Object> explain(
      PolicyInputs in, String[] from, String[] to, String portText, Protocol proto) {
    PolicyPod src = find(in, from, "from");
    PolicyPod dst = find(in, to, "to");
    int port;
    if (portText.chars().allMatch(Character::isDigit) && portText.length() <= 5) {
      port = Integer.parseInt(portText);
    } else {
      port =
          dst.ports().stream()
              .filter(p -> p.name().equals(portText) && p.protocol() == proto)
              .map(PolicyPod.NamedPort::port)
              .findFirst()
              .orElseThrow(
                  () ->
                      ApiError.badField(
                          "port",
                          "pod " + dst.key() + " has no " + proto + " port named " + portText));
    }
    if (port > 65535) {
      throw ApiError.badField("port", "port must be at most 65535");
    }
    PolicyEvaluator.Verdict v = new PolicyEvaluator(in).check(src.ip(), dst.ip(), proto, port);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", src.key() + " (" + src.ip() + ")");
    out.put("to", dst.key() + " (" + dst.ip() + ")");
    out.put("protocol", proto.name());
    out.put("port", port);
    out.put("egress", side(v.egress()));
    out.put("ingress", side(v.ingress()));
    out.put("allowed", v.allowed());
    return out;
  }

  private static Map<String, Object> side(PolicyEvaluator.Side s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("isolated", !s.policies().isEmpty());
    out.put("policies", s.policies());
    out.put("allowing", s.allowing());
    out.put("allowed", s.allowed());
    return out;
  }

  private static PolicyPod find(PolicyInputs in, String[] key, String field) {
    return in.pods().stream()
        .filter(p -> p.namespace().equals(key[0]) && p.name().equals(key[1]) && p.addressed())
        .findFirst()
        .orElseThrow(
            () ->
                ApiError.badField(
                    field,
                    "no running pod "
                        + key[0]
                        + "/"
                        + key[1]
                        + " with its own address (hostNetwork pods count as their node)"));
  }

  private Future<ClusterStore.Listing> list(KindInfo kind) {
    return service.list(new ApiPath(kind, null, null, null));
  }

  private static String[] podParam(RoutingContext ctx, String name) {
    String v = required(ctx, name);
    String[] parts = v.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw ApiError.badField(name, name + " must be <namespace>/<pod>, not '" + v + "'");
    }
    return parts;
  }

  private static String required(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isEmpty()) {
      throw ApiError.badField(name, name + " is required");
    }
    return v;
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    Status s = Errors.statusOf(e);
    Replies.json(ctx, s.code() == null ? 500 : s.code(), s);
  }
}

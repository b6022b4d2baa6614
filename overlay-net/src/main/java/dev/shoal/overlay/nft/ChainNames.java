package dev.shoal.overlay.nft;

/**
 * Names of the table's objects, readable and stable: {@code svc-default/web/http/tcp} (a service
 * port), {@code ext-...} (its NodePort), and for services with ClientIP affinity {@code
 * ep-default/web/http/tcp__198.18.1.5/8080} (one endpoint) and {@code affinity-...} (that
 * endpoint's set of recent clients). An endpoint chain's name says everything its rules depend on,
 * so a moved endpoint is a new chain, never an edited one.
 */
final class ChainNames {

  static final String SERVICES = "services";
  static final String MASQUERADING = "masquerading";
  static final String MARK_FOR_MASQUERADE = "mark-for-masquerade";
  static final String ENDPOINTS_CHECK = "endpoints-check";
  static final String REJECT = "reject-chain";
  static final String CLUSTER_IPS = "cluster-ips";
  static final String NODEPORT_IPS = "nodeport-ips";
  static final String SERVICE_IPS = "service-ips";
  static final String SERVICE_NODEPORTS = "service-nodeports";
  static final String NO_ENDPOINT_SERVICES = "no-endpoint-services";
  static final String NO_ENDPOINT_NODEPORTS = "no-endpoint-nodeports";
  static final String SERVICE_ENDPOINTS = "service-endpoints";
  static final String NODEPORT_ENDPOINTS = "nodeport-endpoints";
  static final String NODEPORT_LOCAL_ENDPOINTS = "nodeport-local-endpoints";
  static final String ENDPOINT_SELF = "endpoint-self";
  static final String SERVICE_DNAT = "service-dnat";
  static final String NODEPORT_DNAT = "nodeport-dnat";
  static final String NODEPORT_LOCAL_DNAT = "nodeport-local-dnat";

  private ChainNames() {}

  static String service(ServicePortRule s) {
    return "svc-" + base(s);
  }

  static String external(ServicePortRule s) {
    return "ext-" + base(s);
  }

  static String endpoint(ServicePortRule s, Target t) {
    return "ep-" + base(s) + "__" + t.label();
  }

  static String affinity(ServicePortRule s, Target t) {
    return "affinity-" + base(s) + "__" + t.label();
  }

  private static String base(ServicePortRule s) {
    return sanitize(s.id()) + "/" + s.protocol().nft();
  }

  /** nft identifiers take letters, digits and {@code / - _ .}; anything else becomes '_'. */
  static String sanitize(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (char c : id.toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '/'
              || c == '-'
              || c == '_'
              || c == '.';
      out.append(ok ? c : '_');
    }
    return out.toString();
  }
}

package dev.shoal.agent.api;

import dev.shoal.agent.auth.BearerTokens;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.ApiTokenStatus;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;

/**
 * Creating an ApiToken: the server draws the secret, stores its hash, and answers once with the
 * token in {@code status.token}. A request that brings its own {@code spec.tokenHash} (an operator
 * who made the secret elsewhere) is stored as it is and gets no token back.
 */
final class TokenIssuer {

  private TokenIssuer() {}

  static Future<Resource> create(ResourceService service, ApiPath path, ApiToken requested) {
    ApiTokenSpec spec = requested.spec();
    if (spec == null
        || spec.tokenHash() != null
        || requested.metadata() == null
        || requested.metadata().name() == null) {
      return service.create(path, requested.withStatus(null));
    }
    BearerTokens.Issued issued = BearerTokens.issue(requested.metadata().name());
    return service
        .create(path, requested.withSpec(spec.withTokenHash(issued.hash())).withStatus(null))
        .map(stored -> ((ApiToken) stored).withStatus(new ApiTokenStatus(issued.token())));
  }
}

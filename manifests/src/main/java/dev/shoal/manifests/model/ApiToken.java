package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A bearer token for the API (shoal.dev/v1), cluster-scoped. The store keeps only the SHA-256 of
 * the token's secret ({@code spec.tokenHash}); the token itself is in {@code status.token} of the
 * answer to the create request and nowhere else. Deleting the object revokes the token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record ApiToken(ObjectMeta metadata, ApiTokenSpec spec, ApiTokenStatus status)
    implements Resource {
  public static final String API_VERSION = "shoal.dev/v1";
  public static final String KIND = "ApiToken";

  @Override
  @JsonProperty("apiVersion")
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  @JsonProperty("kind")
  public String kind() {
    return KIND;
  }

  @Override
  public ApiToken withMetadata(ObjectMeta value) {
    return new ApiToken(value, spec, status);
  }

  public ApiToken withSpec(ApiTokenSpec value) {
    return new ApiToken(metadata, value, status);
  }

  public ApiToken withStatus(ApiTokenStatus value) {
    return new ApiToken(metadata, spec, value);
  }
}

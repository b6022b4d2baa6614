package dev.shoal.agent.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;

/**
 * Who holds what of a numbered range (e.g. the NodePorts), as Kubernetes keeps its RangeAllocation:
 * one object for the whole range, changed with compare-and-set, that the API never serves. It is an
 * {@link InternalKinds internal kind}: stored, versioned, watched and copied to disk like every
 * object, but no path, manifest or apply reaches it, so a user's write can never lose or forge an
 * allocation. {@code data} is the allocator's own text form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "range", "data"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record RangeAllocation(ObjectMeta metadata, String range, String data) implements Resource {
  public static final String API_VERSION = "shoal.dev/internal";
  public static final String KIND = "RangeAllocation";

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
  public RangeAllocation withMetadata(ObjectMeta value) {
    return new RangeAllocation(value, range, data);
  }

  public RangeAllocation withData(String value) {
    return new RangeAllocation(metadata, range, value);
  }

  /** The key of the allocation object {@code name} (cluster-scoped). */
  public static ObjectKey key(String name) {
    return new ObjectKey(KIND, "", name);
  }
}

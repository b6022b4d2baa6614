package dev.shoal.agent.controllers.stateful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.controllers.TemplateHash;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.ControllerRevision;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.StatefulSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful set's history as ControllerRevisions, as upstream keeps it: each revision records the
 * pod template as a patch ({@code {"spec":{"template":...,"$patch":"replace"}}}), is named {@code
 * <set>-<hash of the template>}, labelled with the set's selector labels and {@code
 * controller.kubernetes.io/hash}, owned by the set, and numbered one past the newest.
 */
public final class StatefulRevisions {

  public static final String HASH_LABEL = "controller.kubernetes.io/hash";
  private static final ObjectMapper MAPPER = Json.mapper();

  private StatefulRevisions() {}

  /** The hash a revision of the set's current template carries. */
  public static String hash(StatefulSet set) {
    int collisions =
        set.status() == null || set.status().collisionCount() == null
            ? 0
            : set.status().collisionCount();
    String base = TemplateHash.of(set.spec().template());
    return collisions == 0 ? base : base + collisions;
  }

  public static JsonNode data(PodTemplateSpec template) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode spec = root.putObject("spec");
    spec.set("template", MAPPER.valueToTree(template));
    spec.put("$patch", "replace");
    return root;
  }

  /** The template a revision records, or empty when its data holds none. */
  public static Optional<PodTemplateSpec> template(ControllerRevision revision) {
    JsonNode t = revision.data() == null ? null : revision.data().path("spec").get("template");
    if (t == null || !t.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.treeToValue(t, PodTemplateSpec.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Whether the revision records exactly the set's current template. */
  public static boolean matches(ControllerRevision revision, StatefulSet set) {
    return template(revision)
        .map(t -> Objects.equals(data(t), data(set.spec().template())))
        .orElse(false);
  }

  public static ControllerRevision newRevision(StatefulSet set, long number) {
    String hash = hash(set);
    Map<String, String> labels = new LinkedHashMap<>();
    if (set.spec().selector() != null && set.spec().selector().matchLabels() != null) {
      labels.putAll(set.spec().selector().matchLabels());
    }
    labels.put(HASH_LABEL, hash);
    ObjectMeta meta =
        new ObjectMeta(
            set.metadata().name() + "-" + hash,
            null,
            set.metadata().namespace(),
            labels,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(set)),
            null);
    return new ControllerRevision(meta, data(set.spec().template()), number);
  }

  public static long nextNumber(List<ControllerRevision> history) {
    return history.stream().mapToLong(ControllerRevision::revisionOrZero).max().orElse(0) + 1;
  }

  /** Oldest first, by number then name. */
  public static List<ControllerRevision> sorted(List<ControllerRevision> history) {
    return history.stream()
        .sorted(
            Comparator.comparingLong(ControllerRevision::revisionOrZero)
                .thenComparing(r -> r.metadata().name()))
        .toList();
  }
}

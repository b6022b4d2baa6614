package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.model.Secret;
import dev.shoal.manifests.validation.SecretRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A Secret as Kubernetes stores it: {@code type} Opaque when none is given, and every {@code
 * stringData} entry folded into {@code data} (base64; it wins over a {@code data} entry of the same
 * key), so plain values are never stored nor returned. An entry whose key is not valid stays in
 * {@code stringData}, for validation to report at its own path.
 */
final class SecretDefaults {

  private SecretDefaults() {}

  static void apply(ObjectNode secret) {
    if (!secret.hasNonNull("type")) {
      secret.put("type", Secret.OPAQUE);
    }
    if (!(secret.get("stringData") instanceof ObjectNode plain)) {
      return;
    }
    ObjectNode data =
        secret.get("data") instanceof ObjectNode existing ? existing : secret.objectNode();
    List<String> folded = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : plain.properties()) {
      if (SecretRules.isValidKey(entry.getKey()) && entry.getValue().isTextual()) {
        data.put(
            entry.getKey(),
            Base64.getEncoder()
                .encodeToString(entry.getValue().textValue().getBytes(StandardCharsets.UTF_8)));
        folded.add(entry.getKey());
      }
    }
    folded.forEach(plain::remove);
    if (!data.isEmpty()) {
      secret.set("data", data);
    }
    if (plain.isEmpty()) {
      secret.remove("stringData");
    }
  }
}

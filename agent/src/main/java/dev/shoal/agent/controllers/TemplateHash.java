package dev.shoal.agent.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code pod-template-hash} of a pod template: FNV-1a (32 bit) of its canonical JSON, written
 * in Kubernetes' safe alphabet; and template equality that ignores that label.
 */
public final class TemplateHash {

  public static final String LABEL = "pod-template-hash";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper CANONICAL =
      Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TemplateHash() {}

  public static String of(PodTemplateSpec template) {
    byte[] bytes = canonical(withoutHash(template)).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder safe = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      safe.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return safe.toString();
  }

  /** Same template once the {@code pod-template-hash} label is ignored on both sides. */
  public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return Objects.equals(canonical(withoutHash(a)), canonical(withoutHash(b)));
  }

  public static PodTemplateSpec withHash(PodTemplateSpec template, String hash) {
    ObjectMeta meta =
        template.metadata() == null ? ObjectMeta.named(null, null) : template.metadata();
    Map<String, String> labels = new HashMap<>(meta.labelsOrEmpty());
    labels.put(LABEL, hash);
    return new PodTemplateSpec(meta.withLabels(labels), template.spec());
  }

  static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    if (template == null
        || template.metadata() == null
        || !template.metadata().labelsOrEmpty().containsKey(LABEL)) {
      return template;
    }
    Map<String, String> labels = new HashMap<>(template.metadata().labelsOrEmpty());
    labels.remove(LABEL);
    return new PodTemplateSpec(
        template.metadata().withLabels(labels.isEmpty() ? null : labels), template.spec());
  }

  private static String canonical(PodTemplateSpec template) {
    try {
      return CANONICAL.writeValueAsString(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pod template does not serialize", e);
    }
  }
}

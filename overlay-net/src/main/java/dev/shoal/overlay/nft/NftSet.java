package dev.shoal.overlay.nft;

import java.util.Map;
import java.util.TreeMap;

/**
 * A named set or map of the table.
 *
 * @param kind {@code set} or {@code map}
 * @param declaration what goes inside its braces before the elements, e.g. {@code type ipv4_addr;}
 * @param elements key to value ({@code goto chain} for verdict maps), or key to "" for a plain set;
 *     sorted
 * @param dynamic filled by the kernel (affinity): its elements are never planned nor compared
 */
public record NftSet(
    String kind, String name, String declaration, Map<String, String> elements, boolean dynamic) {

  public NftSet {
    elements = java.util.Collections.unmodifiableMap(new TreeMap<>(elements));
  }

  public static NftSet set(String name, String type, Iterable<String> keys) {
    Map<String, String> elements = new TreeMap<>();
    keys.forEach(k -> elements.put(k, ""));
    return new NftSet("set", name, "type " + type + ";", elements, false);
  }

  public static NftSet verdictMap(String name, String keyType, Map<String, String> elements) {
    return new NftSet("map", name, "type " + keyType + " : verdict;", elements, false);
  }

  public static NftSet dynamic(String name, String declaration) {
    return new NftSet("set", name, declaration, Map.of(), true);
  }

  /** {@code k} or {@code k : v}, as inside an element list. */
  static String element(String key, String value) {
    return value.isEmpty() ? key : key + " : " + value;
  }
}

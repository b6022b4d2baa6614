package dev.shoal.overlay.nft;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A planned table: its sets and maps, then its chains, each by name in the order they are written.
 * Equal inputs give equal tables, so two plans compare with {@code equals} and a difference renders
 * as a delta ({@link NftScript#delta}).
 */
public record NftTable(
    String family, String name, Map<String, NftSet> sets, Map<String, NftChain> chains) {

  public static final String FAMILY = "inet";
  public static final String NAME = "shoal";

  public NftTable {
    sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
  }

  public static NftTable of(List<NftSet> sets, List<NftChain> chains) {
    Map<String, NftSet> s = new LinkedHashMap<>();
    sets.forEach(x -> s.put(x.name(), x));
    Map<String, NftChain> c = new LinkedHashMap<>();
    chains.forEach(x -> c.put(x.name(), x));
    return new NftTable(FAMILY, NAME, s, c);
  }

  /** {@code inet shoal}: how commands name the table. */
  public String qualified() {
    return family + " " + name;
  }

  /** Elements over all planned (not dynamic) sets and maps. */
  public int elementCount() {
    return sets.values().stream()
        .filter(s -> !s.dynamic())
        .mapToInt(s -> s.elements().size())
        .sum();
  }
}

package dev.shoal.overlay.nft;

import java.util.List;

/**
 * A chain of the table.
 *
 * @param base for a base chain its hook line, e.g. {@code type nat hook prerouting priority -100;
 *     policy accept;}; empty for a regular chain (reached only by jump or goto)
 * @param rules the rules in order, in {@code nft} syntax
 */
public record NftChain(String name, String base, List<String> rules) {

  public NftChain {
    rules = List.copyOf(rules);
  }

  public static NftChain regular(String name, List<String> rules) {
    return new NftChain(name, "", rules);
  }

  public static NftChain base(String name, String hook, List<String> rules) {
    return new NftChain(name, hook, rules);
  }
}

package dev.shoal.dns.resolvconf;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a resolv.conf that matter here. {@code options} keep their text form ("ndots:5",
 * "rotate"). Unknown lines and comments are ignored; a later {@code search} or {@code domain} line
 * replaces an earlier one.
 */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {

  public ResolvConf {
    nameservers = List.copyOf(nameservers);
    searches = List.copyOf(searches);
    options = List.copyOf(options);
  }

  public static ResolvConf parse(String text) {
    List<String> nameservers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("\\s+");
      switch (words[0]) {
        case "nameserver" -> {
          if (words.length > 1) {
            nameservers.add(words[1]);
          }
        }
        case "search", "domain" -> {
          searches.clear();
          for (int i = 1; i < words.length; i++) {
            searches.add(words[i]);
          }
        }
        case "options" -> {
          for (int i = 1; i < words.length; i++) {
            options.add(words[i]);
          }
        }
        default -> {}
      }
    }
    return new ResolvConf(nameservers, searches, options);
  }

  /** The file text: nameserver lines, then search, then options. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (String ns : nameservers) {
      sb.append("nameserver ").append(ns).append('\n');
    }
    if (!searches.isEmpty()) {
      sb.append("search ").append(String.join(" ", searches)).append('\n');
    }
    if (!options.isEmpty()) {
      sb.append("options ").append(String.join(" ", options)).append('\n');
    }
    return sb.toString();
  }
}

package dev.shoal.agent.worker;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} references in env values, command and args: a defined variable is
 * replaced, an undefined one is left as written, and {@code $$} stands for a literal {@code $}.
 */
final class EnvExpansion {
  private EnvExpansion() {}

  static String expand(String text, Map<String, String> env) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next == '(') {
          int close = text.indexOf(')', i + 2);
          if (close > 0) {
            String name = text.substring(i + 2, close);
            String value = env.get(name);
            if (value != null) {
              out.append(value);
            } else {
              out.append(text, i, close + 1);
            }
            i = close + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}

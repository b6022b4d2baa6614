package dev.shoal.agent.api;

import dev.shoal.agent.runtime.LogOptions;
import io.vertx.core.MultiMap;

/**
 * The query of {@code GET .../pods/{name}/log} as kubectl sends it: {@code container}, {@code
 * follow}, {@code previous}, {@code timestamps}, {@code tailLines}, {@code sinceSeconds}, {@code
 * limitBytes}. A value of the wrong type is a 400 naming the parameter.
 */
record LogQuery(String container, boolean previous, LogOptions options, Long limitBytes) {

  static LogQuery parse(MultiMap query) {
    Long tail = number(query, "tailLines", 0);
    Long since = number(query, "sinceSeconds", 1);
    Long limit = number(query, "limitBytes", 1);
    LogOptions options =
        new LogOptions(
            flag(query, "follow"),
            tail == null ? null : (int) Math.min(tail, Integer.MAX_VALUE),
            since,
            flag(query, "timestamps"));
    return new LogQuery(query.get("container"), flag(query, "previous"), options, limit);
  }

  private static boolean flag(MultiMap query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
      return false;
    }
    if (value.equals("true") || value.equals("1")) {
      return true;
    }
    throw ApiError.badRequest(name + " must be true or false, not \"" + value + "\"");
  }

  private static Long number(MultiMap query, String name, long min) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min) {
        throw ApiError.badRequest(
            name
                + " must be "
                + (min == 0 ? "zero or more" : "greater than zero")
                + ", not "
                + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number, not \"" + value + "\"");
    }
  }
}

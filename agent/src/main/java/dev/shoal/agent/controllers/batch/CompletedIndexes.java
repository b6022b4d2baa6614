package dev.shoal.agent.controllers.batch;

import java.util.BitSet;

/**
 * An Indexed job's set of succeeded indexes in Kubernetes' text form: ascending, ranges of three or
 * more joined with a hyphen, e.g. {@code "0-2,5,7-9"} (two neighbours are written {@code "3,4"}, as
 * upstream).
 */
final class CompletedIndexes {

  private CompletedIndexes() {}

  /**
   * The indexes below {@code completions} named in {@code text}; parts that do not parse are
   * skipped.
   */
  static BitSet parse(String text, int completions) {
    BitSet set = new BitSet();
    if (text == null || text.isEmpty()) {
      return set;
    }
    for (String part : text.split(",")) {
      String[] range = part.trim().split("-", -1);
      try {
        int low = Integer.parseInt(range[0]);
        int high = range.length == 2 ? Integer.parseInt(range[1]) : low;
        if (range.length <= 2 && low >= 0 && low <= high) {
          set.set(low, Math.min(high, completions - 1) + 1);
        }
      } catch (NumberFormatException e) {
        // a part written by something else: ignore it, the pods still say what succeeded
      }
    }
    return set;
  }

  static String format(BitSet set) {
    StringBuilder text = new StringBuilder();
    int i = set.nextSetBit(0);
    while (i >= 0) {
      int end = set.nextClearBit(i) - 1;
      if (text.length() > 0) {
        text.append(',');
      }
      if (end - i >= 2) {
        text.append(i).append('-').append(end);
      } else {
        text.append(i);
        if (end > i) {
          text.append(',').append(end);
        }
      }
      i = set.nextSetBit(end + 1);
    }
    return text.toString();
  }
}

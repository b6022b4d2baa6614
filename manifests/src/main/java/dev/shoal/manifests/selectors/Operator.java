package dev.shoal.manifests.selectors;

/** A selector operator, with how it is written in the string form. */
public enum Operator {
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  IN("in"),
  NOT_IN("notin"),
  EXISTS(""),
  DOES_NOT_EXIST("!");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}

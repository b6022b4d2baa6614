package dev.shoal.manifests.selectors;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the string form, Kubernetes' grammar: requirements separated by commas, each one of {@code
 * k=v}, {@code k==v}, {@code k!=v}, {@code k in (v1,v2)}, {@code k notin (v1,v2)}, {@code k} or
 * {@code !k}. Keys and values are checked like labels. One parser per text; not thread-safe.
 */
final class SelectorParser {
  private enum Kind {
    IDENTIFIER,
    NOT,
    EQUALS,
    DOUBLE_EQUALS,
    NOT_EQUALS,
    OPEN,
    CLOSE,
    COMMA,
    IN,
    NOT_IN,
    GREATER,
    LESS,
    END
  }

  private record Token(Kind kind, String text, int position) {
    String describe() {
      return kind == Kind.END ? "end of string" : "'" + text + "'";
    }
  }

  /** A syntax or label error, carried out of the recursive descent; never leaves this class. */
  private static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private final List<Token> tokens;
  private int next;

  private SelectorParser(String text) {
    this.text = text;
    this.tokens = lex(text);
  }

  static Result<List<Requirement>> parse(String text) {
    try {
      return Result.ok(new SelectorParser(text).requirements());
    } catch (Failure f) {
      return Result.err("invalid selector \"" + text + "\": " + f.getMessage());
    }
  }

  private List<Requirement> requirements() {
    List<Requirement> requirements = new ArrayList<>();
    if (peek().kind() == Kind.END) {
      return requirements;
    }
    while (true) {
      requirements.add(requirement());
      Token t = take();
      if (t.kind() == Kind.END) {
        return requirements;
      }
      if (t.kind() != Kind.COMMA) {
        throw fail(t, "expected ',' or end of string");
      }
    }
  }

  private Requirement requirement() {
    Token t = take();
    if (t.kind() == Kind.NOT) {
      return new Requirement(key(take()), Operator.DOES_NOT_EXIST, List.of());
    }
    String key = key(t);
    Token op = peek();
    switch (op.kind()) {
      case END, COMMA:
        return new Requirement(key, Operator.EXISTS, List.of());
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS:
        take();
        Operator operator =
            op.kind() == Kind.EQUALS
                ? Operator.EQUALS
                : op.kind() == Kind.DOUBLE_EQUALS ? Operator.DOUBLE_EQUALS : Operator.NOT_EQUALS;
        return new Requirement(key, operator, List.of(exactValue(op)));
      case IN, NOT_IN:
        take();
        return new Requirement(
            key, op.kind() == Kind.IN ? Operator.IN : Operator.NOT_IN, valueSet());
      case GREATER, LESS:
        throw fail(op, "operator " + op.describe() + " is not supported in label selectors");
      default:
        throw fail(
            op,
            "expected an operator (=, ==, !=, in, notin), ',' or end of string after key '"
                + key
                + "'");
    }
  }

  private String key(Token t) {
    if (t.kind() != Kind.IDENTIFIER) {
      throw fail(t, "expected a label key");
    }
    List<String> problems = Names.qualifiedName(t.text());
    if (!problems.isEmpty()) {
      throw new Failure("invalid label key \"" + t.text() + "\": " + String.join("; ", problems));
    }
    return t.text();
  }

  /** After {@code =}: a value, or nothing (the empty value) before ',' or the end. */
  private String exactValue(Token operator) {
    Token t = peek();
    if (t.kind() == Kind.END || t.kind() == Kind.COMMA) {
      return "";
    }
    if (t.kind() != Kind.IDENTIFIER) {
      throw fail(t, "expected a value after " + operator.describe());
    }
    take();
    return value(t.text());
  }

  /**
   * After {@code in}/{@code notin}: {@code (v1,v2,...)}; as in Kubernetes, an empty slot is the
   * empty value.
   */
  private List<String> valueSet() {
    Token open = take();
    if (open.kind() != Kind.OPEN) {
      throw fail(open, "expected '(' after in/notin");
    }
    List<String> values = new ArrayList<>();
    boolean expectValue = true;
    while (true) {
      Token t = take();
      if (t.kind() == Kind.IDENTIFIER && expectValue) {
        values.add(value(t.text()));
        expectValue = false;
      } else if (t.kind() == Kind.COMMA || t.kind() == Kind.CLOSE) {
        if (expectValue) {
          values.add("");
        }
        if (t.kind() == Kind.CLOSE) {
          return values;
        }
        expectValue = true;
      } else {
        throw fail(t, expectValue ? "expected a value, ',' or ')'" : "expected ',' or ')'");
      }
    }
  }

  private String value(String value) {
    List<String> problems = Names.labelValue(value);
    if (!problems.isEmpty()) {
      throw new Failure("invalid label value \"" + value + "\": " + String.join("; ", problems));
    }
    return value;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }

  private static Failure fail(Token found, String expected) {
    return new Failure(
        expected + " at position " + found.position() + ", found " + found.describe());
  }

  private static List<Token> lex(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean twoChar = i + 1 < text.length() && text.charAt(i + 1) == '=';
      Kind kind =
          switch (c) {
            case '!' -> twoChar ? Kind.NOT_EQUALS : Kind.NOT;
            case '=' -> twoChar ? Kind.DOUBLE_EQUALS : Kind.EQUALS;
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            case ',' -> Kind.COMMA;
            case '>' -> Kind.GREATER;
            case '<' -> Kind.LESS;
            default -> null;
          };
      if (kind != null) {
        int length = (kind == Kind.NOT_EQUALS || kind == Kind.DOUBLE_EQUALS) ? 2 : 1;
        tokens.add(new Token(kind, text.substring(i, i + length), i));
        i += length;
        continue;
      }
      int start = i;
      while (i < text.length()
          && !Character.isWhitespace(text.charAt(i))
          && "!=(),<>".indexOf(text.charAt(i)) < 0) {
        i++;
      }
      String word = text.substring(start, i);
      Kind wordKind =
          word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER;
      tokens.add(new Token(wordKind, word, start));
    }
    tokens.add(new Token(Kind.END, "", text.length()));
    return tokens;
  }
}

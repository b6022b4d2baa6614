package dev.shoal.manifests.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The string form: what parses, how it prints, what it matches; and every way it can be malformed.
 */
class SelectorStringTest {

  /** "a=1 b=2" as a label map; "-" is no labels. */
  static Map<String, String> labels(String spec) {
    Map<String, String> m = new HashMap<>();
    if (!spec.equals("-")) {
      for (String kv : spec.split(" ")) {
        String[] p = kv.split("=", -1);
        m.put(p[0], p[1]);
      }
    }
    return m;
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("empty matches everything", "", "", List.of("-", "a=1"), List.of()),
        Arguments.of("blank matches everything", "   ", "", List.of("-"), List.of()),
        Arguments.of(
            "equality",
            "app=web",
            "app=web",
            List.of("app=web", "app=web x=y"),
            List.of("-", "app=api")),
        Arguments.of(
            "double equals", "app==web", "app==web", List.of("app=web"), List.of("app=api")),
        Arguments.of(
            "inequality matches objects without the key",
            "app!=web",
            "app!=web",
            List.of("-", "app=api"),
            List.of("app=web")),
        Arguments.of(
            "in",
            "tier in (front, api)",
            "tier in (api,front)",
            List.of("tier=front", "tier=api"),
            List.of("-", "tier=db")),
        Arguments.of(
            "notin matches objects without the key",
            "tier notin (db)",
            "tier notin (db)",
            List.of("-", "tier=web"),
            List.of("tier=db")),
        Arguments.of("exists", "canary", "canary", List.of("canary=", "canary=yes"), List.of("-")),
        Arguments.of(
            "does not exist", "!canary", "!canary", List.of("-", "other=1"), List.of("canary=x")),
        Arguments.of(
            "all terms together are ANDed",
            "a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j",
            "a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j",
            List.of("a=b c=d g=x i=", "a=b c=d e=g g=y h=w i=1"),
            List.of(
                "a=b c=d g=x", "a=b c=d g=x i= j=", "a=b c=d e=f g=x i=", "a=b c=d g=x h=z i=")),
        Arguments.of(
            "sorted by key when printed", "z=1,a=2", "a=2,z=1", List.of("a=2 z=1"), List.of("a=2")),
        Arguments.of(
            "whitespace around tokens",
            " a = b ,  c  in(d) ",
            "a=b,c in (d)",
            List.of("a=b c=d"),
            List.of("a=b")),
        Arguments.of("empty value after =", "a=", "a=", List.of("a="), List.of("-", "a=x")),
        Arguments.of(
            "empty value in a set", "a in (x,)", "a in (,x)", List.of("a=", "a=x"), List.of("a=y")),
        Arguments.of(
            "prefixed keys",
            "app.kubernetes.io/name=web",
            "app.kubernetes.io/name=web",
            List.of("app.kubernetes.io/name=web"),
            List.of("name=web")),
        Arguments.of(
            "duplicate set values collapse",
            "a in (x,x,y)",
            "a in (x,y)",
            List.of("a=x"),
            List.of()),
        Arguments.of(
            "the same key twice must hold both ways",
            "a!=x,a",
            "a!=x,a",
            List.of("a=y"),
            List.of("-", "a=x")));
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @MethodSource("valid")
  void parsesPrintsAndMatches(
      String name, String text, String printed, List<String> match, List<String> noMatch) {
    Result<Selector> parsed = Selector.parse(text);
    assertTrue(parsed.isOk(), parsed::error);
    Selector s = parsed.value();
    assertEquals(printed, s.toString());
    assertEquals(
        s, Selector.parse(s.toString()).value(), "printing parses back to the same selector");
    match.forEach(l -> assertTrue(s.matches(labels(l)), "should match " + l));
    noMatch.forEach(l -> assertFalse(s.matches(labels(l)), "should not match " + l));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("lone comma", ",", "expected a label key at position 0, found ','"),
        Arguments.of(
            "trailing comma", "a=b,", "expected a label key at position 4, found end of string"),
        Arguments.of("double comma", "a=b,,c", "expected a label key at position 4, found ','"),
        Arguments.of("missing key", "=b", "expected a label key at position 0, found '='"),
        Arguments.of(
            "bang without key", "!", "expected a label key at position 1, found end of string"),
        Arguments.of(
            "bang with operator", "!a=b", "expected ',' or end of string at position 2, found '='"),
        Arguments.of(
            "two values", "a=b c", "expected ',' or end of string at position 4, found 'c'"),
        Arguments.of(
            "value that is an operator",
            "a==!",
            "expected a value after '==' at position 3, found '!'"),
        Arguments.of(
            "triple equals", "a===b", "expected a value after '==' at position 3, found '='"),
        Arguments.of(
            "in without parenthesis",
            "a in x",
            "expected '(' after in/notin at position 5, found 'x'"),
        Arguments.of(
            "in without values or parenthesis",
            "a in",
            "expected '(' after in/notin at position 4, " + "found end of string"),
        Arguments.of(
            "unclosed set", "a in (x,y", "expected ',' or ')' at position 9, found end of string"),
        Arguments.of(
            "set values without comma",
            "a in (x y)",
            "expected ',' or ')' at position 8, found 'y'"),
        Arguments.of(
            "nested parenthesis",
            "a in ((x))",
            "expected a value, ',' or ')' at position 6, found '('"),
        Arguments.of(
            "stray closing parenthesis",
            "a)",
            "expected an operator (=, ==, !=, in, notin), ',' or end of "
                + "string after key 'a' at position 1, found ')'"),
        Arguments.of(
            "greater than",
            "a>1",
            "operator '>' is not supported in label selectors at position 1, found '>'"),
        Arguments.of(
            "key named like a keyword", "in=a", "expected a label key at position 0, found 'in'"),
        Arguments.of(
            "key too long",
            "a".repeat(64) + "=b",
            "invalid label key \""
                + "a".repeat(64)
                + "\": name part must be no more than 63 characters"),
        Arguments.of(
            "key with bad character",
            "a_=b",
            "invalid label key \"a_\": name part must consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
        Arguments.of(
            "empty prefix", "/a=b", "invalid label key \"/a\": prefix part must be non-empty"),
        Arguments.of(
            "empty name after prefix",
            "x.io/=b",
            "invalid label key \"x.io/\": name part must be non-empty"),
        Arguments.of(
            "bad prefix",
            "X_Y/a=b",
            "invalid label key \"X_Y/a\": prefix part a lowercase RFC 1123 "
                + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        Arguments.of(
            "two slashes",
            "a/b/c=d",
            "invalid label key \"a/b/c\": a qualified name must consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                + "(e.g. 'example.com/MyName')"),
        Arguments.of(
            "value too long",
            "a=" + "v".repeat(64),
            "invalid label value \"" + "v".repeat(64) + "\": must be no more than 63 characters"),
        Arguments.of(
            "value with bad character in a set",
            "a in (ok,no*)",
            "invalid label value \"no*\": a valid "
                + "label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
                + "start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used "
                + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @MethodSource("malformed")
  void malformedSelectorsGiveAClearError(String name, String text, String error) {
    Result<Selector> parsed = Selector.parse(text);
    assertFalse(parsed.isOk(), () -> "parsed as " + parsed.value());
    assertEquals("invalid selector \"" + text + "\": " + error, parsed.error());
  }
}

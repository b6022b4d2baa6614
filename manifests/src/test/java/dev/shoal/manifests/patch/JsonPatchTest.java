package dev.shoal.manifests.patch;

import static dev.shoal.manifests.patch.StrategicMergePatchTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6902's operations, with examples after the RFC's appendix A. */
class JsonPatchTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "add an object member",
            "{'a':1}",
            "[{'op':'add','path':'/b','value':2}]",
            "{'a':1,'b':2}"),
        Arguments.of(
            "add into a list at an index",
            "{'a':[1,3]}",
            "[{'op':'add','path':'/a/1','value':2}]",
            "{'a':[1,2,3]}"),
        Arguments.of(
            "add at the end with -",
            "{'a':[1]}",
            "[{'op':'add','path':'/a/-','value':2}]",
            "{'a':[1,2]}"),
        Arguments.of("remove", "{'a':1,'b':2}", "[{'op':'remove','path':'/a'}]", "{'b':2}"),
        Arguments.of(
            "replace a list element",
            "{'a':[1,2]}",
            "[{'op':'replace','path':'/a/0','value':9}]",
            "{'a':[9,2]}"),
        Arguments.of(
            "move",
            "{'a':{'x':1},'b':{}}",
            "[{'op':'move','from':'/a/x','path':'/b/y'}]",
            "{'a':{},'b':{'y':1}}"),
        Arguments.of(
            "copy", "{'a':[1]}", "[{'op':'copy','from':'/a','path':'/b'}]", "{'a':[1],'b':[1]}"),
        Arguments.of(
            "test then replace",
            "{'a':'x'}",
            "[{'op':'test','path':'/a','value':'x'},{'op':'replace','path':'/a','value':'y'}]",
            "{'a':'y'}"),
        Arguments.of(
            "~1 and ~0 escape / and ~",
            "{'metadata':{'labels':{'app.kubernetes.io/name':'a','x~y':'b'}}}",
            "[{'op':'replace','path':'/metadata/labels/app.kubernetes.io~1name','value':'c'},"
                + "{'op':'remove','path':'/metadata/labels/x~0y'}]",
            "{'metadata':{'labels':{'app.kubernetes.io/name':'c'}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(String name, String document, String patch, String expected) {
    assertEquals(json(expected), JsonPatch.apply(json(document), json(patch)));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("not a list", "{'op':'add'}", "", true),
        Arguments.of("an unknown op", "[{'op':'explode','path':'/a'}]", "[0].op", true),
        Arguments.of("no path", "[{'op':'remove'}]", "[0].path", true),
        Arguments.of("add without value", "[{'op':'add','path':'/b'}]", "[0].value", true),
        Arguments.of("remove a missing member", "[{'op':'remove','path':'/nope'}]", "[0]", false),
        Arguments.of(
            "replace past the list's end",
            "[{'op':'replace','path':'/list/5','value':1}]",
            "[0]",
            false),
        Arguments.of(
            "a failed test (after an op that would have applied)",
            "[{'op':'add','path':'/b','value':1},{'op':'test','path':'/a','value':2}]",
            "[1]",
            false),
        Arguments.of(
            "move into its own child", "[{'op':'move','from':'/m','path':'/m/x'}]", "[0]", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuses(String name, String patch, String field, boolean malformed) {
    JsonNode document = json("{'a':1,'list':[1],'m':{}}");
    String before = document.toString();
    PatchException e =
        assertThrows(PatchException.class, () -> JsonPatch.apply(document, json(patch)));
    assertEquals(field, e.field(), e.toString());
    assertEquals(malformed, e.malformed(), e.toString());
    assertEquals(before, document.toString());
  }

  @Test
  void theWholeDocumentCanBeReplacedAtTheEmptyPointer() {
    assertEquals(
        json("{'b':2}"),
        JsonPatch.apply(json("{'a':1}"), json("[{'op':'replace','path':'','value':{'b':2}}]")));
  }
}

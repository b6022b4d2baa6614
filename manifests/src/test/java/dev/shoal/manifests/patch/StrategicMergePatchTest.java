package dev.shoal.manifests.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Pod;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases after upstream's strategicpatch tests (kubernetes apimachinery), rewritten on Shoal's
 * model: the merge keys are the ones of {@link PatchRules}. JSON is written with ' for ".
 */
class StrategicMergePatchTest {

  static Stream<Arguments> podCases() {
    return Stream.of(
        Arguments.of(
            "containers merge by name: one image changes, the other container stays",
            "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b:2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:2'}]}}"),
        Arguments.of(
            "a new container is added after the stored ones",
            "{'spec':{'containers':[{'name':'a','image':'a:1'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b:1'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}"),
        Arguments.of(
            "$patch: delete removes the element with that key",
            "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}",
            "{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b:1'}]}}"),
        Arguments.of(
            "$patch: replace in a list replaces the whole list",
            "{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'},{'$patch':'replace'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'}]}}"),
        Arguments.of(
            "kubectl apply removing one port: $setElementOrder and a delete, image changed",
            "{'spec':{'containers':[{'name':'web','image':'nginx:1','ports':"
                + "[{'containerPort':80,'protocol':'TCP'},{'containerPort':81,'protocol':'TCP'},"
                + "{'containerPort':82,'protocol':'TCP'}]}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':"
                + "[{'$setElementOrder/ports':[{'containerPort':80},{'containerPort':82}],"
                + "'image':'nginx:2','name':'web','ports':[{'$patch':'delete','containerPort':81}]}]}}",
            "{'spec':{'containers':[{'name':'web','image':'nginx:2','ports':"
                + "[{'containerPort':80,'protocol':'TCP'},{'containerPort':82,'protocol':'TCP'}]}]}}"),
        Arguments.of(
            "$setElementOrder alone reorders a list",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}}"),
        Arguments.of(
            "an element only the server has keeps its place",
            "{'spec':{'containers':[{'name':'a'},{'name':'sidecar'},{'name':'b'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                + "'containers':[{'name':'b','image':'b:2'}]}}",
            "{'spec':{'containers':[{'name':'a'},{'name':'sidecar'},{'name':'b','image':'b:2'}]}}"),
        Arguments.of(
            "env merges by name; a null value deletes a field inside an element",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},"
                + "{'name':'Y','value':'2'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':null,"
                + "'valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},"
                + "{'name':'Y','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}]}]}}"),
        Arguments.of(
            "a list without a merge strategy (command) is replaced",
            "{'spec':{'containers':[{'name':'a','command':['sh','-c','x']}]}}",
            "{'spec':{'containers':[{'name':'a','command':['true']}]}}",
            "{'spec':{'containers':[{'name':'a','command':['true']}]}}"),
        Arguments.of(
            "finalizers merge as a set",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c']}}",
            "{'metadata':{'finalizers':['a','b','c']}}"),
        Arguments.of(
            "$deleteFromPrimitiveList removes scalars",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'finalizers':['a','c']}}"),
        Arguments.of(
            "$setElementOrder of scalars, with a deletion beside it",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$setElementOrder/finalizers':['c','a'],"
                + "'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'finalizers':['c','a']}}"),
        Arguments.of(
            "a list the object lacks is created without the directives",
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80},"
                + "{'$patch':'delete','containerPort':81}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}"),
        Arguments.of(
            "null deletes a map key; maps merge",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'a':null,'c':'3'}}}",
            "{'metadata':{'labels':{'b':'2','c':'3'}}}"),
        Arguments.of(
            "$patch: replace in a map replaces the map",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
            "{'metadata':{'labels':{'c':'3'}}}"),
        Arguments.of(
            "$patch: delete in a map removes it",
            "{'metadata':{'labels':{'a':'1'},'annotations':{'x':'y'}}}",
            "{'metadata':{'labels':{'$patch':'delete'}}}",
            "{'metadata':{'annotations':{'x':'y'}}}"),
        Arguments.of(
            "$patch: merge is the default",
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'$patch':'merge','b':'2'}}}",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}"),
        Arguments.of(
            "volumes merge by name and keep only $retainKeys",
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}",
            "{'spec':{'volumes':[{'$retainKeys':['hostPath','name'],'name':'v',"
                + "'hostPath':{'path':'/tmp'}}]}}",
            "{'spec':{'volumes':[{'name':'v','hostPath':{'path':'/tmp'}},"
                + "{'name':'w','emptyDir':{}}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podCases")
  void patchesAPod(String name, String original, String patch, String expected) {
    assertEquals(tree(expected), StrategicMergePatch.apply(tree(original), tree(patch), Pod.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploymentCases")
  void patchesADeployment(String name, String original, String patch, String expected) {
    assertEquals(
        tree(expected), StrategicMergePatch.apply(tree(original), tree(patch), Deployment.class));
  }

  static Stream<Arguments> deploymentCases() {
    return Stream.of(
        Arguments.of(
            "strategy: $retainKeys drops rollingUpdate when the type becomes Recreate",
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
            "{'spec':{'strategy':{'type':'Recreate'}}}"),
        Arguments.of(
            "containers inside the pod template merge by name",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:1'},"
                + "{'name':'b','image':'b:1'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'},"
                + "{'name':'b','image':'b:1'}]}}}}"),
        Arguments.of(
            "a field the model lacks merges as a plain map and is left to the decoder",
            "{'spec':{'replicas':1}}",
            "{'spec':{'affinity':{'nodeAffinity':{}}}}",
            "{'spec':{'replicas':1,'affinity':{'nodeAffinity':{}}}}"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "an unknown $patch value",
            "{'spec':{'containers':[{'$patch':'explode','name':'a'}]}}",
            "spec.containers[0].$patch",
            true),
        Arguments.of(
            "an element without its merge key",
            "{'spec':{'containers':[{'image':'x'}]}}",
            "spec.containers[0]",
            true),
        Arguments.of("an unknown directive", "{'spec':{'$explode':1}}", "spec.$explode", true),
        Arguments.of(
            "a key the $retainKeys do not list",
            "{'spec':{'volumes':[{'$retainKeys':['name'],'name':'v','emptyDir':{}}]}}",
            "spec.volumes[0].emptyDir",
            false),
        Arguments.of("deleting the whole object", "{'$patch':'delete'}", "", false),
        Arguments.of("a patch that is not an object", "['a']", "", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithTheFieldPath(String name, String patch, String field, boolean malformed) {
    ObjectNode original = tree("{'spec':{'containers':[{'name':'a'}]}}");
    PatchException e =
        assertThrows(
            PatchException.class,
            () -> StrategicMergePatch.apply(original, json(patch), Pod.class));
    assertEquals(field, e.field(), e.toString());
    assertEquals(malformed, e.malformed(), e.toString());
  }

  @org.junit.jupiter.api.Test
  void neverChangesItsInputs() {
    ObjectNode original = tree("{'spec':{'containers':[{'name':'a','image':'a:1'}]}}");
    ObjectNode patch = tree("{'spec':{'containers':[{'name':'a','image':'a:2'}]}}");
    String before = original.toString() + patch;
    JsonNode result = StrategicMergePatch.apply(original, patch, Pod.class);
    assertEquals(before, original.toString() + patch);
    assertFalse(result == original);
    assertTrue(result.toString().contains("a:2"));
  }

  static ObjectNode tree(String json) {
    return (ObjectNode) json(json);
  }

  static JsonNode json(String json) {
    try {
      return Json.mapper().readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}

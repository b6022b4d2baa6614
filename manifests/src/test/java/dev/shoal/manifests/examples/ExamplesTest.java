package dev.shoal.manifests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in manifests/examples parses without warnings and validates clean. */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void theExpectedExamplesExist() throws IOException {
    List<String> names = examples().map(p -> p.getFileName().toString()).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "pod-two-containers-shared-volume.yaml",
                "replicaset.yaml",
                "deployment.yaml",
                "service.yaml",
                "networkpolicy.yaml",
                "configmap.yaml",
                "configmap-projected.yaml")),
        names::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void parsesWithoutWarningsAndValidates(Path file) throws IOException {
    List<Decoded> decoded = ManifestCodec.parseAll(Files.readAllBytes(file));
    assertFalse(decoded.isEmpty());
    for (Decoded d : decoded) {
      Decoded.Ok ok = assertInstanceOf(Decoded.Ok.class, d, d::toString);
      assertEquals(List.of(), ok.warnings());
      assertEquals(List.of(), Validator.validate(ok.resource()));
      Decoded again = ManifestCodec.parseAll(ManifestCodec.toYaml(ok.resource()).getBytes()).get(0);
      Decoded.Ok back = assertInstanceOf(Decoded.Ok.class, again, again::toString);
      assertEquals(
          List.of(),
          back.warnings(),
          "the model writes only fields it reads back (a helper such as isParallel() is no field)");
      assertEquals(ok.resource(), back.resource(), "YAML round trip");
    }
  }
}

package dev.shoal.manifests.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stateful sets, claims, volumes and storage classes refused with the field path Kubernetes names,
 * good ones accepted, and the fields an update may not change.
 */
class StatefulSetValidationTest {

  private static final String STS =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: web
        replicas: 3
        podManagementPolicy: OrderedReady
        updateStrategy:
          type: RollingUpdate
          rollingUpdate: {partition: 0, maxUnavailable: 1}
        persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: busybox, volumeMounts: [{name: data, mountPath: /data}]}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
      """;

  private static final String PVC =
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
      """;

  private static final String PV =
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv1}
      spec:
        capacity: {storage: 1Gi}
        accessModes: [ReadWriteOnce]
        persistentVolumeReclaimPolicy: Retain
        local: {path: /var/lib/data}
        nodeAffinity:
          required:
            nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [n1]}]}]
      """;

  private static final String SC =
      """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: fast}
      provisioner: shoal.dev/local
      reclaimPolicy: Delete
      volumeBindingMode: WaitForFirstConsumer
      """;

  @Test
  void goodOnesPass() {
    StatefulSet sts = (StatefulSet) parse(STS);
    assertEquals(List.of(), Validator.validate(sts));
    assertEquals("data", sts.spec().volumeClaimTemplates().get(0).metadata().name());
    assertEquals(List.of(), Validator.validate(parse(PVC)));
    assertEquals(List.of(), Validator.validate(parse(PV)));
    assertEquals(List.of(), Validator.validate(parse(SC)));
    String pod =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
            + "  containers: [{name: c, image: busybox}]\n"
            + "  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n";
    assertEquals(List.of(), Validator.validate(parse(pod)));
  }

  @ParameterizedTest(name = "{0} at {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      sts policy          | STS | podManagementPolicy: OrderedReady | podManagementPolicy: Sometimes | spec.podManagementPolicy | FieldValueNotSupported
      sts strategy        | STS | type: RollingUpdate | type: Later | spec.updateStrategy.type | FieldValueNotSupported
      sts OnDelete limits | STS | type: RollingUpdate | type: OnDelete | spec.updateStrategy.rollingUpdate | FieldValueInvalid
      sts partition       | STS | partition: 0 | partition: -1 | spec.updateStrategy.rollingUpdate.partition | FieldValueInvalid
      sts maxUnavailable  | STS | maxUnavailable: 1 | maxUnavailable: 0 | spec.updateStrategy.rollingUpdate.maxUnavailable | FieldValueInvalid
      sts replicas        | STS | replicas: 3 | replicas: -1 | spec.replicas | FieldValueInvalid
      sts retention       | STS | whenScaled: Delete | whenScaled: Keep | spec.persistentVolumeClaimRetentionPolicy.whenScaled | FieldValueNotSupported
      sts selector        | STS | selector: {matchLabels: {app: web}} | selector: {matchLabels: {app: db}} | spec.template.metadata.labels | FieldValueInvalid
      sts claim mode      | STS | accessModes: [ReadWriteOnce] | accessModes: [WriteSometimes] | spec.volumeClaimTemplates[0].spec.accessModes[0] | FieldValueNotSupported
      sts claim size      | STS | storage: 1Gi | storage: lots | spec.volumeClaimTemplates[0].spec.resources.requests[storage] | FieldValueInvalid
      sts claim name      | STS | metadata: {name: data} | metadata: {name: Data_1} | spec.volumeClaimTemplates[0].metadata.name | FieldValueInvalid
      sts name            | STS | metadata: {name: web} | metadata: {name: web.a} | metadata.name | FieldValueInvalid
      pvc no modes        | PVC | accessModes: [ReadWriteOnce] | accessModes: [] | spec.accessModes | FieldValueRequired
      pvc no size         | PVC | resources: {requests: {storage: 1Gi}} | resources: {} | spec.resources[storage] | FieldValueRequired
      pvc zero size       | PVC | storage: 1Gi | storage: '0' | spec.resources.requests[storage] | FieldValueInvalid
      pv no path          | PV  | local: {path: /var/lib/data} | local: {fsType: ext4} | spec.local.path | FieldValueRequired
      pv relative path    | PV  | local: {path: /var/lib/data} | local: {path: data} | spec.local.path | FieldValueInvalid
      pv local no affinity| PV  | nodeAffinity: | x: | spec.nodeAffinity | FieldValueRequired
      pv reclaim          | PV  | persistentVolumeReclaimPolicy: Retain | persistentVolumeReclaimPolicy: Keep | spec.persistentVolumeReclaimPolicy | FieldValueNotSupported
      pv no capacity      | PV  | capacity: {storage: 1Gi} | capacity: {} | spec.capacity | FieldValueRequired
      sc binding mode     | SC  | volumeBindingMode: WaitForFirstConsumer | volumeBindingMode: Later | volumeBindingMode | FieldValueNotSupported
      sc reclaim          | SC  | reclaimPolicy: Delete | reclaimPolicy: Recycle | reclaimPolicy | FieldValueNotSupported
      sc no provisioner   | SC  | provisioner: shoal.dev/local | parameters: {} | provisioner | FieldValueRequired
      """)
  void refused(String what, String base, String from, String to, String field, String reason) {
    String yaml =
        switch (base.strip()) {
          case "STS" -> STS;
          case "PVC" -> PVC;
          case "PV" -> PV;
          default -> SC;
        };
    if (!yaml.contains(from.strip())) {
      throw new AssertionError("not in the manifest: " + from);
    }
    String changed = yaml.replaceFirst(java.util.regex.Pattern.quote(from.strip()), to.strip());
    List<FieldError> errors = Validator.validate(parse(changed));
    assertTrue(
        errors.stream()
            .anyMatch(
                e -> e.field().equals(field.strip()) && e.type().reason().equals(reason.strip())),
        () -> "expected " + reason + " at " + field + ", got " + errors + "\n" + changed);
  }

  @Test
  void anUpdateMayChangeReplicasAndTemplateButNotTheClaimTemplates() {
    Resource old = parse(STS);
    Resource scaled =
        parse(STS.replace("replicas: 3", "replicas: 5").replace("image: busybox", "image: nginx"));
    assertEquals(List.of(), Validator.validateUpdate(old, scaled));
    Resource bigger = parse(STS.replace("storage: 1Gi", "storage: 2Gi"));
    assertTrue(
        Validator.validateUpdate(old, bigger).stream()
            .anyMatch(
                e -> e.field().equals("spec") && e.type().reason().equals("FieldValueForbidden")));
  }

  @Test
  void aClaimsSpecIsFixedButForItsSize() {
    Resource old = parse(PVC);
    assertEquals(List.of(), Validator.validateUpdate(old, parse(PVC.replace("1Gi", "2Gi"))));
    Resource otherModes = parse(PVC.replace("ReadWriteOnce", "ReadWriteMany"));
    assertTrue(
        Validator.validateUpdate(old, otherModes).stream().anyMatch(e -> e.field().equals("spec")));
    Resource sc = parse(SC);
    assertTrue(
        Validator.validateUpdate(
                sc, parse(SC.replace("reclaimPolicy: Delete", "reclaimPolicy: Retain")))
            .stream()
            .anyMatch(e -> e.field().equals("reclaimPolicy")));
  }

  private static Resource parse(String yaml) {
    Decoded decoded = ManifestCodec.parseAll(yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    if (decoded instanceof Decoded.Ok ok) {
      return ok.resource();
    }
    throw new AssertionError(decoded + "\n" + yaml);
  }
}

package dev.shoal.agent.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import java.util.Map;
import java.util.Optional;

/**
 * The generated message of an {@code apiVersion} and {@code kind}: each group version Shoal serves
 * (plus {@code autoscaling/v1} for Scale, {@code policy/v1} for Eviction and {@code meta.k8s.io/v1}
 * for DeleteOptions) is one upstream {@code generated.proto}, whose messages are named as the
 * kinds.
 */
final class ProtoKinds {

  private static final Map<String, FileDescriptor> FILES =
      Map.of(
          "v1", V1.getDescriptor(),
          "apps/v1", V1Apps.getDescriptor(),
          "batch/v1", V1Batch.getDescriptor(),
          "networking.k8s.io/v1", V1Networking.getDescriptor(),
          "autoscaling/v1", V1Autoscaling.getDescriptor(),
          "policy/v1", V1Policy.getDescriptor(),
          "meta.k8s.io/v1", Meta.getDescriptor());

  private ProtoKinds() {}

  static Optional<Descriptor> find(String apiVersion, String kind) {
    FileDescriptor file = FILES.get(apiVersion);
    return file == null ? Optional.empty() : Optional.ofNullable(file.findMessageTypeByName(kind));
  }
}

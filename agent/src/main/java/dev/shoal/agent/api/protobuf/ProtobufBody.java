package dev.shoal.agent.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;

/**
 * Reads a body of media type {@code application/vnd.kubernetes.protobuf}: the four bytes {@code
 * k8s\0}, then a {@code runtime.Unknown} whose {@code typeMeta} names the object's apiVersion and
 * kind and whose {@code raw} is that object's generated message. The result is the object's JSON
 * tree, {@code apiVersion} and {@code kind} included.
 */
public final class ProtobufBody {

  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBody() {}

  public static JsonNode decode(byte[] body) throws ProtobufBodyException {
    if (body.length < MAGIC.length
        || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ProtobufBodyException(
          "a " + MEDIA_TYPE + " body starts with the 4 bytes \"k8s\\x00\"");
    }
    Runtime.Unknown envelope;
    try {
      envelope = Runtime.Unknown.parser().parseFrom(body, MAGIC.length, body.length - MAGIC.length);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufBodyException(
          "the envelope (runtime.Unknown) is malformed: " + e.getMessage());
    }
    String apiVersion = envelope.getTypeMeta().getApiVersion();
    String kind = envelope.getTypeMeta().getKind();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new ProtobufBodyException("the envelope names no apiVersion and kind (typeMeta)");
    }
    if (!envelope.getContentEncoding().isEmpty()) {
      throw new ProtobufBodyException(
          "contentEncoding \"" + envelope.getContentEncoding() + "\" is not supported");
    }
    if (!envelope.getContentType().isEmpty() && !envelope.getContentType().equals(MEDIA_TYPE)) {
      throw new ProtobufBodyException(
          "contentType \"" + envelope.getContentType() + "\" is not supported");
    }
    Descriptor type =
        ProtoKinds.find(apiVersion, kind)
            .orElseThrow(
                () ->
                    new ProtobufBodyException(
                        "no kind \""
                            + kind
                            + "\" is registered for version \""
                            + apiVersion
                            + "\""));
    DynamicMessage message;
    try {
      message = DynamicMessage.parseFrom(type, envelope.getRaw());
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufBodyException(
          "the body is not a valid " + apiVersion + " " + kind + ": " + e.getMessage());
    }
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("apiVersion", apiVersion);
    tree.put("kind", kind);
    tree.setAll((ObjectNode) ProtoTree.of(message));
    return tree;
  }
}

package dev.shoal.agent.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
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
    // Parsed through its descriptor, as the object is: the generated classes predate protobuf 22
    // and their own parsers are the vulnerable kind (GHSA-h4h5-3hr4-j3g2); only their descriptors
    // are used.
    DynamicMessage envelope;
    try {
      envelope =
          DynamicMessage.newBuilder(Runtime.Unknown.getDescriptor())
              .mergeFrom(body, MAGIC.length, body.length - MAGIC.length)
              .build();
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufBodyException(
          "the envelope (runtime.Unknown) is malformed: " + e.getMessage());
    }
    DynamicMessage typeMeta = (DynamicMessage) field(envelope, "typeMeta");
    String apiVersion = (String) field(typeMeta, "apiVersion");
    String kind = (String) field(typeMeta, "kind");
    String contentEncoding = (String) field(envelope, "contentEncoding");
    String contentType = (String) field(envelope, "contentType");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new ProtobufBodyException("the envelope names no apiVersion and kind (typeMeta)");
    }
    if (!contentEncoding.isEmpty()) {
      throw new ProtobufBodyException(
          "contentEncoding \"" + contentEncoding + "\" is not supported");
    }
    if (!contentType.isEmpty() && !contentType.equals(MEDIA_TYPE)) {
      throw new ProtobufBodyException("contentType \"" + contentType + "\" is not supported");
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
      message = DynamicMessage.parseFrom(type, (ByteString) field(envelope, "raw"));
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

  /** A field's value, its default (empty) when unset. */
  private static Object field(DynamicMessage message, String name) {
    return message.getField(message.getDescriptorForType().findFieldByName(name));
  }
}
